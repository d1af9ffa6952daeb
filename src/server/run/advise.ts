/**
 * POST /v1/advise, in a worker: what `usmca-roo advise CLAIM [--objective lines|cost] [--max-plans N]
 * [--min-margin POINTS] [--max-evaluations N] [--sensitivity] [--json] [--solicit FILE.csv|xlsx]` computes, with
 * the same library calls, answered as the command prints it: the advice JSON, the advice text, or the
 * solicitation list as the CSV or workbook `--solicit` writes. Header Usmca-Roo-Advice: passes, plans or no-plan.
 */
import { join } from 'node:path';
import {
  advise,
  loadClaimFile,
  loadRulePack,
  prettyJson,
  renderAdvice,
  renderSensitivity,
  ruleFacts,
  sensitivityOf,
  solicitation,
  writeSolicitation,
  type Sensitivity,
} from '../../index.js';
import { referenceProblems } from '../references.js';
import type { AdviseTask, TaskResult } from '../task.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function runAdvise(task: AdviseTask): Promise<TaskResult> {
  const refused = referenceProblems(task.dir, task.claim);
  if (refused.length > 0) return { kind: 'problems', status: 422, problems: refused };
  const pack = loadRulePack();
  const loaded = loadClaimFile(join(task.dir, task.claim), { root: task.dir, rules: ruleFacts(pack) });
  if (task.output === 'solicit-csv' || task.output === 'solicit-xlsx') {
    const csv = task.output === 'solicit-csv';
    let bytes: string | Uint8Array = '';
    await writeSolicitation(await solicitation(loaded, { pack }), csv ? 'requests.csv' : 'requests.xlsx', (_f, d) => {
      bytes = d;
    });
    return {
      kind: 'body',
      status: 200,
      contentType: csv ? 'text/csv; charset=utf-8' : XLSX,
      body: bytes,
      headers: { 'content-disposition': `attachment; filename="requests.${csv ? 'csv' : 'xlsx'}"` },
    };
  }
  const advice = await advise(loaded, {
    pack,
    objective: task.objective,
    ...(task.maxPlans !== undefined ? { maxPlans: task.maxPlans } : {}),
    ...(task.maxEvaluations !== undefined ? { maxEvaluations: task.maxEvaluations } : {}),
    ...(task.minMargin !== undefined ? { minMargin: task.minMargin } : {}),
  });
  const sensitivity: Sensitivity | undefined = task.sensitivity ? await sensitivityOf(loaded, { pack }) : undefined;
  const headers = { 'usmca-roo-advice': advice.status };
  if (task.output === 'text')
    return {
      kind: 'body',
      status: 200,
      contentType: 'text/plain; charset=utf-8',
      body: renderAdvice(advice) + (sensitivity !== undefined ? renderSensitivity(sensitivity) : ''),
      headers,
    };
  return {
    kind: 'body',
    status: 200,
    contentType: 'application/json; charset=utf-8',
    body: prettyJson(sensitivity !== undefined ? { ...advice, sensitivity } : advice),
    headers,
  };
}
