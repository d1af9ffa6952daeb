/** `usmca-roo evaluate CLAIM --store DB`: evaluate with the store's evidence and keep the decision record. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { prettyJson } from '../canonical/json.js';
import { loadClaimFile } from '../input/load-claim.js';
import { renderWorksheet } from '../render/worksheet.js';
import { loadRulePack } from '../rules/load.js';
import { evaluateIntoStore } from '../store/evaluate.js';
import { currentEvidence } from '../store/evidence.js';
import { StoreError } from '../store/open.js';
import { EXIT, type CliIo } from './io.js';
import { withStore } from './store-open.js';

export interface StoreEvaluateFlags {
  json?: boolean;
  out?: string;
  rules?: string;
  record?: string;
  store?: string;
  estimated?: string;
}

const ESTIMATES = ['costs', 'purchases'];

/** `--estimated costs,purchases` as the store keeps it (sorted, comma-joined), or a message. */
export function estimatedOption(value: string | undefined): string {
  if (value === undefined) return '';
  const parts = [...new Set(value.split(',').map((s) => s.trim()))].sort();
  const bad = parts.filter((p) => !ESTIMATES.includes(p));
  if (bad.length > 0 || parts.length === 0)
    throw new StoreError(`--estimated takes costs, purchases or costs,purchases, not "${value}"`);
  return parts.join(',');
}

export async function storeEvaluateCommand(claimPath: string, flags: StoreEvaluateFlags, io: CliIo): Promise<number> {
  let estimated: string;
  try {
    estimated = estimatedOption(flags.estimated);
  } catch (err) {
    io.stderr(`usmca-roo: ${(err as Error).message}\n`);
    return EXIT.invalidInput;
  }
  const pack = loadRulePack(flags.rules ? resolve(io.cwd, flags.rules) : undefined);
  const file = resolve(io.cwd, claimPath);
  const loaded = loadClaimFile(file);
  return withStore(flags, io, async (store) => {
    const evidence = (await currentEvidence(store)).filter((e) => e.intact);
    const stored = await evaluateIntoStore(store, loaded, pack, {
      evidence,
      file,
      estimated,
      command: `evaluate ${claimPath}`,
    });
    const json = prettyJson(stored.decision);
    if (flags.out) writeFileSync(resolve(io.cwd, flags.out), json);
    if (flags.record) writeFileSync(resolve(io.cwd, flags.record), prettyJson(stored.record));
    if (flags.json) io.stdout(json);
    else io.stdout(renderWorksheet(stored.decision));
    io.stderr(
      `stored as ${stored.ref.claimId}@${stored.ref.version} in ${store.location}${stored.evidence.length ? `; relied on evidence ${[...new Set(stored.evidence.map((e) => e.evidenceId))].join(', ')}` : ''}\n`,
    );
    return stored.decision.verdict === 'originating' ? EXIT.originating : EXIT.notOriginating;
  });
}
