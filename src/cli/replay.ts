/** `usmca-roo replay RECORD`: recompute a recorded decision and say whether it is identical. */
import { resolve } from 'node:path';
import { prettyJson } from '../canonical/json.js';
import { describeDifferences } from '../audit/diff.js';
import { readRecord } from '../audit/read-record.js';
import { needsEngineMessage, replay } from '../audit/replay.js';
import { readTrustedKeys } from '../audit/signature.js';
import { checkRelease, checkSignature, type TrustCheck } from '../audit/trust.js';
import { printable, printableJson } from '../render/printable.js';
import type { CliIo } from './io.js';

/**
 * 0 identical, 1 different (other rules, or an older engine), 2 invalid, 3 internal, 4 altered or untrusted,
 * 6 intact but made under a pack this engine cannot run: replay it with the engine version that made it.
 */
export const REPLAY_EXIT = { identical: 0, different: 1, invalid: 2, internal: 3, altered: 4, needsEngine: 6 } as const;

export interface ReplayFlags {
  rules?: string;
  json?: boolean;
  trustKey?: string;
  unreleasedRules?: boolean;
}

export async function replayCommand(recordPath: string, flags: ReplayFlags, io: CliIo): Promise<number> {
  const rules = flags.rules ?? 'recorded';
  if (rules !== 'recorded' && rules !== 'current') {
    io.stderr(`usmca-roo: --rules takes "recorded" or "current", not "${rules}"\n`);
    return REPLAY_EXIT.invalid;
  }
  const trusted = flags.trustKey ? await readTrustedKeys(resolve(io.cwd, flags.trustKey)) : undefined;
  const record = readRecord(resolve(io.cwd, recordPath));
  const outcome = await replay(record, { rules });
  const checks: TrustCheck[] = [
    await checkSignature(`record ${recordPath}`, record.signature, record.hashed, 'record', trusted),
  ];
  if (outcome.status === 'identical' || outcome.status === 'different' || outcome.status === 'needsEngine')
    checks.push(
      checkRelease(outcome.recordedPack, outcome.recordedPack.release, {
        strict: false,
        allowUnreleased: flags.unreleasedRules === true,
      }),
    );
  const refusals = checks.flatMap((c) => (c.refusal ? [c.refusal] : []));
  const notes = checks.flatMap((c) => (c.note ? [c.note] : []));
  const exit =
    outcome.status === 'altered' || outcome.status === 'invalid'
      ? REPLAY_EXIT[outcome.status]
      : refusals.length > 0
        ? REPLAY_EXIT.altered
        : REPLAY_EXIT[outcome.status];

  if (flags.json) {
    const { decision: _d, ...rest } = outcome as typeof outcome & { decision?: unknown };
    io.stdout(
      printableJson(prettyJson({ format: 'usmca-roo/replay@2', record: record.sha256, ...rest, refusals, notes })),
    );
    return exit;
  }
  const claimId = String((record.hashed.decision as { claim?: { id?: string } }).claim?.id ?? '');
  const lines: string[] = [];
  switch (outcome.status) {
    case 'altered':
      lines.push(`ALTERED: record ${recordPath} (claim ${claimId}): ${outcome.reason}`);
      if (outcome.differences) lines.push(...describeDifferences(outcome.differences, 20));
      break;
    case 'invalid':
      lines.push(`INVALID: record ${recordPath}: ${outcome.reason}`);
      break;
    case 'needsEngine':
      lines.push(
        `NEEDS ENGINE ${outcome.engine.recorded}: record ${recordPath} (claim ${claimId}) is intact (sha256 ${record.sha256}); ${needsEngineMessage(outcome, `replay ${recordPath}`)}`,
      );
      break;
    default: {
      const verdict = refusals.length > 0 ? 'REFUSED' : outcome.status === 'identical' ? 'IDENTICAL' : 'DIFFERENT';
      lines.push(
        `${verdict}: claim ${claimId} replayed under the ${outcome.rules} rule pack ${outcome.pack.id} ${outcome.pack.version} (sha256 ${outcome.pack.sha256.slice(0, 16)}...)${refusals.length > 0 ? ` (${outcome.status})` : ''}`,
        `  record sha256 ${record.sha256}`,
        `  engine: recorded ${outcome.engine.recorded}, now ${outcome.engine.current}${outcome.engine.relation === 'older' ? ' (an older engine: its differences may come from engine changes)' : ''}`,
      );
      if (outcome.status === 'different') {
        lines.push(
          `  ${outcome.differences.length} difference${outcome.differences.length === 1 ? '' : 's'} (recorded -> now):`,
        );
        lines.push(...describeDifferences(outcome.differences));
      }
    }
  }
  for (const r of refusals) lines.push(`  REFUSED: ${r}`);
  for (const n of notes) lines.push(`  ${n}`);
  // A record may come from anyone: what it holds is printed escaped, one line per line.
  io.stdout(`${lines.map(printable).join('\n')}\n`);
  return exit;
}
