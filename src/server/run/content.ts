/**
 * POST /v1/content, in a worker: what `usmca-roo content CLAIM... [--strict] [--scenario NAME|FILE] [--json]
 * [--csv FILE]` computes. A claim's `file` in the report is its uploaded name (the command line prints the path
 * it was given), so the server's folders never show.
 */
import { join } from 'node:path';
import {
  contentReport,
  loadRulePack,
  loadTariffPack,
  prettyJson,
  renderContent,
  resolveScenario,
  submissionsCsv,
} from '../../index.js';
import { referenceProblems } from '../references.js';
import type { ContentTask, TaskResult } from '../task.js';

export async function runContent(task: ContentTask): Promise<TaskResult> {
  const refused = task.claims.flatMap((c) => referenceProblems(task.dir, c));
  if (refused.length > 0) return { kind: 'problems', status: 422, problems: refused };
  const pack = loadRulePack();
  const tariffPack = loadTariffPack();
  // A scenario is a name from the tariff pack, or the bare name of an uploaded file (checked by the route).
  const scenario = task.scenario ? resolveScenario(task.scenario, tariffPack, (p) => join(task.dir, p)) : undefined;
  const report = await contentReport(
    task.claims.map((c) => join(task.dir, c)),
    { strict: task.strict, scenario, pack, tariffPack },
  );
  for (const c of report.claims as Array<{ claim: { file: string } }>)
    if (c.claim.file.startsWith(`${task.dir}/`)) c.claim.file = c.claim.file.slice(task.dir.length + 1);
  const headers = { 'usmca-roo-verdict': report.verdict };
  switch (task.output) {
    case 'report':
      return {
        kind: 'body',
        status: 200,
        contentType: 'application/json; charset=utf-8',
        body: prettyJson(report),
        headers,
      };
    case 'text':
      return {
        kind: 'body',
        status: 200,
        contentType: 'text/plain; charset=utf-8',
        body: renderContent(report),
        headers,
      };
    case 'csv':
      return {
        kind: 'body',
        status: 200,
        contentType: 'text/csv; charset=utf-8',
        body: submissionsCsv(report.submissions),
        headers: { ...headers, 'content-disposition': 'attachment; filename="submission.csv"' },
      };
  }
}
