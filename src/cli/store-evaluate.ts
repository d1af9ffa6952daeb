/** `usmca-roo evaluate CLAIM --store DB`: evaluate with the store's evidence and keep the decision record. */
import { resolve } from 'node:path';
import { readPrivateKey } from '../audit/signature.js';
import { prettyJson } from '../canonical/json.js';
import { loadClaimFile } from '../input/load-claim.js';
import { renderWorksheet } from '../render/worksheet.js';
import { ruleFacts } from '../rules/facts.js';
import { loadRulePack } from '../rules/load.js';
import { evaluateIntoStore } from '../store/evaluate.js';
import { currentEvidence } from '../store/evidence.js';
import { StoreError } from '../store/open.js';
import { readAndApply } from './evaluate.js';
import { claimSource, EXIT, type CliIo } from './io.js';
import { readPolicy, type LimitFlags } from './limits.js';
import { checkOutput, packInputs, refuseInputs, refuseSame, writeOutput, type OutputTarget } from './output.js';
import { withStore } from './store-open.js';

export interface StoreEvaluateFlags extends LimitFlags {
  json?: boolean;
  out?: string;
  rules?: string;
  record?: string;
  store?: string;
  estimated?: string;
  signKey?: string;
  patch?: string;
  set?: string[];
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
  const policy = readPolicy(flags, io.cwd);
  const { file, given } = claimSource(claimPath, io);
  // As evaluate does: outputs are checked before any work, and none is an input.
  const outputs: OutputTarget[] = [];
  if (flags.out) outputs.push(checkOutput('--out', flags.out, io.cwd));
  if (flags.record) outputs.push(checkOutput('--record', flags.record, io.cwd));
  const named = [{ path: file, role: 'the claim' }];
  if (flags.signKey) named.push({ path: resolve(io.cwd, flags.signKey), role: 'the signing key' });
  if (flags.patch) named.push({ path: resolve(io.cwd, flags.patch), role: 'the patch' });
  for (const o of outputs) refuseInputs(o, named);
  if (outputs.length === 2) refuseSame(outputs[0] as OutputTarget, outputs[1] as OutputTarget);
  const signKey = flags.signKey ? readPrivateKey(resolve(io.cwd, flags.signKey)) : undefined;
  const pack = loadRulePack(flags.rules ? resolve(io.cwd, flags.rules) : undefined);
  const read = loadClaimFile(file, { ...policy, rules: ruleFacts(pack) }, given);
  for (const o of outputs) refuseInputs(o, [...read.files, ...packInputs(pack.directory)]);
  const patched = flags.patch || flags.set?.length ? readAndApply(read, flags, io.cwd) : undefined;
  return withStore(flags, io, async (store) => {
    const evidence = (await currentEvidence(store)).filter((e) => e.intact);
    const stored = await evaluateIntoStore(store, patched?.loaded ?? read, pack, {
      evidence,
      file,
      estimated,
      command: `evaluate ${claimPath}`,
      ...(patched ? { patch: patched.patch } : {}),
      ...(signKey ? { signKey } : {}),
    });
    const json = prettyJson(stored.decision);
    const [out, record] = [flags.out && outputs[0], flags.record && outputs[outputs.length - 1]];
    if (out) writeOutput(out, json);
    if (record) writeOutput(record, prettyJson(stored.record));
    if (flags.json) io.stdout(json);
    else io.stdout(renderWorksheet(stored.decision));
    io.stderr(
      `stored as ${stored.ref.claimId}@${stored.ref.version} in ${store.location}${stored.evidence.length ? `; relied on evidence ${[...new Set(stored.evidence.map((e) => e.evidenceId))].join(', ')}` : ''}\n`,
    );
    return stored.decision.verdict === 'originating' ? EXIT.originating : EXIT.notOriginating;
  });
}
