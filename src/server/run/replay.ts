/**
 * POST /v1/replay, in a worker: what `usmca-roo replay RECORD [--rules recorded|current] [--trust-key KEY]
 * [--unreleased-rules] --json` prints (format usmca-roo/replay@2), built as the command builds it. The outcome
 * (identical, different, altered, refused) is an answer, 200; a record that is not one is a problem, 422.
 */
import { join } from 'node:path';
import {
  checkRelease,
  checkSignature,
  prettyJson,
  readRecord,
  readTrustedKeys,
  replay,
  type TrustCheck,
} from '../../index.js';
import type { ReplayTask, TaskResult } from '../task.js';

/** The command line's exit code for each outcome, sent as a header so that scripts can branch alike. */
const EXIT = { identical: 0, different: 1, invalid: 2, altered: 4, needsEngine: 6 } as const;

export async function runReplay(task: ReplayTask): Promise<TaskResult> {
  const trusted = task.trustKey ? await readTrustedKeys(join(task.dir, task.trustKey)) : undefined;
  const record = readRecord(join(task.dir, task.record));
  const outcome = await replay(record, { rules: task.rules });
  const checks: TrustCheck[] = [
    await checkSignature(`record ${task.record}`, record.signature, record.hashed, 'record', trusted),
  ];
  if (outcome.status === 'identical' || outcome.status === 'different' || outcome.status === 'needsEngine')
    checks.push(
      checkRelease(outcome.recordedPack, outcome.recordedPack.release, {
        strict: false,
        allowUnreleased: task.unreleasedRules,
      }),
    );
  const refusals = checks.flatMap((c) => (c.refusal ? [c.refusal] : []));
  const notes = checks.flatMap((c) => (c.note ? [c.note] : []));
  const exit =
    outcome.status === 'altered' || outcome.status === 'invalid'
      ? EXIT[outcome.status]
      : refusals.length > 0
        ? EXIT.altered
        : EXIT[outcome.status];
  const { decision: _decision, ...rest } = outcome as typeof outcome & { decision?: unknown };
  return {
    kind: 'body',
    status: outcome.status === 'invalid' ? 422 : 200,
    contentType: 'application/json; charset=utf-8',
    body: prettyJson({ format: 'usmca-roo/replay@2', record: record.sha256, ...rest, refusals, notes }),
    headers: {
      'usmca-roo-outcome': refusals.length > 0 && outcome.status !== 'altered' ? 'refused' : outcome.status,
      'usmca-roo-exit-code': String(exit),
    },
  };
}
