/**
 * POST /v1/evaluate, in a worker: what `usmca-roo evaluate CLAIM [--patch FILE] [--set PATH=VALUE]...` computes,
 * with the same library calls, answered as the command writes it: the decision as `--json` prints it, the
 * worksheet, or the record as `--record` writes it. `report` (for the web page) adds the non-originating value
 * by country and by supplier, and the record's text, byte for byte.
 */
import { join } from 'node:path';
import {
  evaluate,
  loadClaimFile,
  loadRulePack,
  makeRecord,
  nonOriginatingBreakdown,
  patchClaim,
  prettyJson,
  readPatchAndSets,
  renderWorksheet,
  ruleFacts,
} from '../../index.js';
import { referenceProblems } from '../references.js';
import type { EvaluateTask, TaskResult } from '../task.js';

export async function runEvaluate(task: EvaluateTask): Promise<TaskResult> {
  const refused = referenceProblems(task.dir, task.claim);
  if (refused.length > 0) return { kind: 'problems', status: 422, problems: refused };
  const pack = loadRulePack();
  // References resolve inside the request's own folder, under the readers' default size limits.
  const read = loadClaimFile(join(task.dir, task.claim), { root: task.dir, rules: ruleFacts(pack) });
  let patched: ReturnType<typeof patchClaim> | undefined;
  if (task.patch !== undefined || task.set.length > 0) {
    const { operations, sources } = readPatchAndSets(
      task.patch !== undefined ? join(task.dir, task.patch) : undefined,
      task.set,
    );
    patched = patchClaim(read, operations, sources);
  }
  const loaded = patched?.loaded ?? read;
  const decision = await evaluate(loaded, { pack, patch: patched?.patch });
  const headers = { 'usmca-roo-verdict': decision.verdict };
  const rules = pack.sha256;
  const json = (body: string): TaskResult => ({
    kind: 'body',
    status: 200,
    contentType: 'application/json; charset=utf-8',
    body,
    headers,
    rules,
  });
  const record = () => prettyJson(makeRecord(loaded, pack, decision, { command: `evaluate ${task.claim}` }));
  switch (task.output) {
    case 'decision':
      return json(prettyJson(decision));
    case 'worksheet':
      return {
        kind: 'body',
        status: 200,
        contentType: 'text/plain; charset=utf-8',
        body: renderWorksheet(decision),
        headers,
        rules,
      };
    case 'record':
      return json(record());
    case 'report':
      return json(
        prettyJson({
          format: 'usmca-roo/report@1',
          decision,
          nonOriginating: nonOriginatingBreakdown(decision, loaded.claim),
          record: record(),
        }),
      );
  }
}
