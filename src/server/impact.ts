/**
 * POST /v1/impact (`usmca-roo impact`, with a server started with --store): which stored decisions a proposed
 * change would flip. The change is a scenario (format usmca-roo/scenario@1, the body or a multipart file), a rule
 * pack the operator named when starting the server (`serve --rules-dir NAME=DIR`, chosen with `rules=NAME`), both
 * (the scenario applied on that pack), or the loss of a piece of evidence (`withoutEvidence=ID`, no body). A client
 * names a rule pack only by one of those names: a folder of the server is never taken from a request. The pack's
 * folder is linked into the request's private folder under its NAME, so the command reads `--rules NAME` and its
 * answer (`"change": "the rule pack in NAME"`) names no folder of the server.
 */
import { symlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { oneDocument } from './endpoints.js';
import { parseParams } from './params.js';
import { requestProblem } from './problems.js';
import { impactParams, noStore, optionsOf, storeProblem, type StorePool } from './store.js';
import { readBody, stage, type BodySpec, type ReadBody, type ReadLimits } from './uploads.js';

/** POST /v1/impact: a scenario (format usmca-roo/scenario@1) as the body, or as a multipart file. */
export const IMPACT_BODY: BodySpec = {
  files: { scenario: { multiple: false, required: false, description: 'a proposed change (usmca-roo/scenario@1)' } },
  single: oneDocument('scenario', 'scenario'),
};

const TYPES = {
  impact: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  text: 'text/plain; charset=utf-8',
};

/** The rule pack folder a request names by `rules=NAME`, or a problem listing the names this server has. */
function rulesFolder(store: StorePool, name: string): string {
  const folder = store.rules[name];
  if (folder !== undefined && Object.hasOwn(store.rules, name)) return folder;
  const names = Object.keys(store.rules);
  throw requestProblem(
    'PARAMETER_INVALID',
    'query.rules',
    names.length === 0
      ? 'this server was started without a rule pack for impact (serve --rules-dir NAME=DIR)'
      : `no rule pack is named "${name}" on this server: ${names.join(', ')}`,
  );
}

export function registerImpactRoute(app: FastifyInstance, store: StorePool | undefined, limits: ReadLimits): void {
  app.post('/v1/impact', async (request, reply) => {
    // A scenario as the body (YAML or JSON) or a multipart file; rules and withoutEvidence need no body at all.
    const empty = request.headers['content-type'] === undefined && !request.body;
    const body: ReadBody = empty
      ? { files: new Map(), contents: new Map(), fields: {} }
      : await readBody(request, IMPACT_BODY, limits);
    const { output, rules, ...selection } = parseParams(impactParams, {
      ...(request.query as Record<string, unknown>),
      ...body.fields,
    });
    const scenario = body.files.get('scenario')?.[0];
    if ((scenario === undefined && rules === undefined) === (selection.withoutEvidence === undefined))
      throw requestProblem(
        'PARAMETER_INVALID',
        'query.withoutEvidence',
        'give a scenario (the body, or a multipart file "scenario"), rules=NAME, or both; or withoutEvidence=ID alone',
      );
    if (!store) throw noStore();
    const folder = rules === undefined ? undefined : rulesFolder(store, rules);
    if (rules !== undefined && rules === scenario)
      throw requestProblem('PARAMETER_INVALID', 'query.rules', `the uploaded scenario is named "${rules}" too`);
    const staged = await stage(body);
    try {
      if (folder !== undefined && rules !== undefined) await symlink(folder, join(staged.dir, rules), 'junction');
      const args = [
        'impact',
        '--store',
        store.location,
        ...(rules !== undefined ? ['--rules', rules] : []),
        ...(scenario !== undefined ? ['--scenario', scenario] : []),
        ...(output === 'impact' ? ['--json'] : output === 'csv' ? ['--csv', 'impact.csv'] : []),
        ...optionsOf(selection),
      ];
      const answer = await store.run({
        args,
        cwd: staged.dir,
        scenario,
        readBack: output === 'csv' ? 'impact.csv' : undefined,
      });
      // 0 done, 4 some stored records altered (listed in the answer).
      if (answer.code !== 0 && answer.code !== 4) throw storeProblem(answer, staged.dir);
      return await reply
        .code(200)
        .header('usmca-roo-exit-code', String(answer.code))
        .type(TYPES[output])
        .send(output === 'csv' ? Buffer.from(answer.file ?? new Uint8Array()) : answer.stdout);
    } finally {
      await staged.remove();
    }
  });
}
