/** `usmca-roo replay RECORD`: recompute a recorded decision and say whether it is identical. */
import { resolve } from 'node:path';
import { prettyJson } from '../canonical/json.js';
import { describeDifferences } from '../audit/diff.js';
import { readRecord } from '../audit/read-record.js';
import { replay } from '../audit/replay.js';
import type { CliIo } from './io.js';

export const REPLAY_EXIT = { identical: 0, different: 1, invalid: 2, internal: 3, tampered: 4 } as const;

export async function replayCommand(
  recordPath: string,
  flags: { rules?: string; json?: boolean },
  io: CliIo,
): Promise<number> {
  const rules = flags.rules ?? 'recorded';
  if (rules !== 'recorded' && rules !== 'current') {
    io.stderr(`usmca-roo: --rules takes "recorded" or "current", not "${rules}"\n`);
    return REPLAY_EXIT.invalid;
  }
  const record = readRecord(resolve(io.cwd, recordPath));
  const outcome = await replay(record, { rules });
  if (flags.json) {
    const { decision: _d, ...rest } = outcome as typeof outcome & { decision?: unknown };
    io.stdout(prettyJson({ format: 'usmca-roo/replay@1', record: record.sha256, ...rest }));
    return REPLAY_EXIT[outcome.status];
  }
  const claimId = String((record.hashed.decision as { claim?: { id?: string } }).claim?.id ?? '');
  switch (outcome.status) {
    case 'tampered':
      io.stdout(`TAMPERED: record ${recordPath} (claim ${claimId}): ${outcome.reason}\n`);
      break;
    case 'invalid':
      io.stdout(`INVALID: record ${recordPath}: ${outcome.reason}\n`);
      break;
    default: {
      const header = `${outcome.status === 'identical' ? 'IDENTICAL' : 'DIFFERENT'}: claim ${claimId} replayed under the ${outcome.rules} rule pack ${outcome.pack.id} ${outcome.pack.version} (sha256 ${outcome.pack.sha256.slice(0, 16)}...)`;
      const lines = [
        header,
        `  record sha256 ${record.sha256}`,
        `  engine: recorded ${outcome.engine.recorded}, now ${outcome.engine.current}`,
      ];
      if (outcome.status === 'different') {
        lines.push(
          `  ${outcome.differences.length} difference${outcome.differences.length === 1 ? '' : 's'} (recorded -> now):`,
        );
        lines.push(...describeDifferences(outcome.differences));
      }
      io.stdout(`${lines.join('\n')}\n`);
    }
  }
  return REPLAY_EXIT[outcome.status];
}
