/**
 * The OpenAPI 3.1 document of the server, made from the same zod schemas the command line reads documents with
 * (claim, producer, party, material, record: src/input/documents.ts, src/audit/record.ts) and from the endpoint
 * table's parameter schemas (endpoints.ts), by zod's own JSON Schema writer (draft 2020-12, the dialect of
 * OpenAPI 3.1). Decimal fields are validated by code that JSON Schema cannot state; they are described as the
 * strings they are. Served at /openapi.json.
 */
import { z } from 'zod';
import { claimSchema, ENGINE, materialReferenceSchema, partySchema, producerSchema, recordSchema } from '../index.js';
import { ENDPOINTS, type Endpoint } from './endpoints.js';
import { HTTP_PROBLEMS } from './problems.js';
import { impactParams, recordsListParams, recordsReplayParams } from './store.js';

type Json = Record<string, unknown>;

const DECIMAL: Json = {
  description:
    'a decimal, written as a string ("3150.00"; a whole JSON number is accepted, a fraction is not); a money field also takes { amount, currency }',
  anyOf: [
    { type: 'string', pattern: '^-?\\d+(?:\\.\\d+)?$' },
    { type: 'integer' },
    {
      type: 'object',
      properties: { amount: { type: 'string' }, currency: { type: 'string', pattern: '^[A-Z]{3}$' } },
      required: ['amount', 'currency'],
      additionalProperties: false,
    },
  ],
};

function jsonSchema(schema: z.ZodType): Json {
  const out = z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input', target: 'draft-2020-12' }) as Json;
  delete out.$schema;
  return out;
}

/** Empty schemas (fields zod validates in code: decimals, money) described as decimals; BOM lines as Material. */
function describeOpaque(node: unknown, key = ''): unknown {
  if (Array.isArray(node)) return node.map((n) => describeOpaque(n));
  if (typeof node !== 'object' || node === null) return node;
  const obj = node as Json;
  if (Object.keys(obj).length === 0 && key !== 'additionalProperties') return { $ref: '#/components/schemas/Decimal' };
  return Object.fromEntries(
    Object.entries(obj).map(([k, v]) =>
      k === 'materials' && typeof v === 'object' && v !== null && 'items' in (v as Json)
        ? [k, { ...(v as Json), items: { $ref: '#/components/schemas/Material' } }]
        : [k, describeOpaque(v, k)],
    ),
  );
}

const problemSchema = z
  .object({
    format: z.literal('usmca-roo/problems@1'),
    problems: z.array(
      z.object({
        code: z
          .string()
          .describe(`an input problem code (docs/claim-format.md) or one of ${Object.keys(HTTP_PROBLEMS).join(', ')}`),
        path: z.string().describe('the field, e.g. materials[3].unitValue, or the request parameter'),
        message: z.string(),
        file: z.string().describe('the uploaded file, or "(request)"'),
        line: z.number().int().optional(),
        sheet: z.string().optional(),
        column: z.string().optional(),
      }),
    ),
  })
  .describe('Every problem at once, as `usmca-roo ... --json` prints them');

const loose = (format: string, description: string): Json => ({
  type: 'object',
  description,
  properties: { format: { const: format } },
  required: ['format'],
});

function components(): Json {
  return {
    Claim: describeOpaque(jsonSchema(claimSchema)),
    Producer: describeOpaque(jsonSchema(producerSchema)),
    Party: describeOpaque(jsonSchema(partySchema)),
    Material: describeOpaque(jsonSchema(materialReferenceSchema)),
    Record: jsonSchema(recordSchema),
    Decimal: DECIMAL,
    Problems: jsonSchema(problemSchema),
    Decision: loose(
      'usmca-roo/decision@1',
      'The decision: verdict, every requirement with value, threshold, margin, rule and citation, the counted BOM lines, evidence gaps, warnings (README: the decision)',
    ),
    Advice: loose(
      'usmca-roo/advice@1',
      'The advice: status (passes, plans, no-plan), the requirements short, and each plan with its changes, its JSON Patch, whether it is proved optimal and 1-minimal, and the proven decision figures (docs/advise.md)',
    ),
    ContentReport: loose('usmca-roo/content@1', 'U.S. content, non-U.S. content and duties per claim and model line'),
    Replay: loose(
      'usmca-roo/replay@2',
      'The replay outcome: identical, different (with differences), altered or invalid',
    ),
    Certificate: loose('usmca-roo/certificate@1', 'The certification of origin: the nine minimum data elements'),
    Validation: loose(
      'usmca-roo/certificate-validation@2',
      'The outcome of validating a certificate, every problem listed',
    ),
    Report: loose('usmca-roo/report@1', 'decision, nonOriginating (by country and by supplier), record (its text)'),
  };
}

function content(type: string, schema: string): Json {
  const body =
    schema === 'binary'
      ? { type: 'string', format: 'binary' }
      : schema === 'text'
        ? { type: 'string' }
        : { $ref: `#/components/schemas/${schema}` };
  return { [type]: { schema: body } };
}

function parameters(e: Endpoint): Json[] {
  const schema = jsonSchema(e.params) as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(schema.properties ?? {}).map(([name, s]) => ({
    name,
    in: 'query',
    required: false,
    description: s.description,
    schema: { ...s, description: undefined },
  }));
}

function multipart(e: Endpoint): Json {
  const properties: Json = {};
  for (const [name, f] of Object.entries(e.body.files))
    properties[name] = f.multiple
      ? { type: 'array', items: { type: 'string', format: 'binary' }, description: f.description }
      : { type: 'string', format: 'binary', description: f.description };
  const required = Object.entries(e.body.files)
    .filter(([, f]) => f.required)
    .map(([n]) => n);
  return { 'multipart/form-data': { schema: { type: 'object', properties, required } } };
}

const problemResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Problems' } } },
});

/** 503: TIME_LIMIT, SERVER_BUSY (with Retry-After: the seconds until there would be room) or SHUTTING_DOWN. */
const busyResponse = {
  ...problemResponse(
    'over the time limit (TIME_LIMIT), too many requests waiting (SERVER_BUSY), or the server stopping (SHUTTING_DOWN)',
  ),
  headers: {
    'Retry-After': {
      description: 'with SERVER_BUSY: seconds after which to send the request again',
      schema: { type: 'integer', minimum: 1 },
    },
  },
};

function operation(e: Endpoint): Json {
  const single: Json = {};
  for (const type of Object.keys(e.body.single)) Object.assign(single, content(type, e.bodySchemas[type] ?? 'text'));
  const answers: Json = {};
  for (const [type, schema] of Object.entries(e.answers)) Object.assign(answers, content(type, schema));
  return {
    post: {
      summary: e.summary,
      description: e.description,
      operationId: e.path.replace('/v1/', ''),
      security: [{ bearer: [] }, {}],
      parameters: parameters(e),
      requestBody: { required: true, content: { ...single, ...multipart(e) } },
      responses: {
        '200': { description: 'the answer', content: answers },
        '400': problemResponse(
          'a request the endpoint cannot read: unknown parameter or field, bad file name, broken body',
        ),
        '401': problemResponse('no bearer token, or a wrong one (when the server has one)'),
        '408': problemResponse('a body that came too slowly (BODY_TOO_SLOW): the connection is closed after it'),
        '413': problemResponse('a body or file over the size limit'),
        '415': problemResponse('a content type this endpoint does not read'),
        '422': problemResponse('problems in the documents: every one, with its file, line, field and code'),
        '503': busyResponse,
      },
    },
  };
}

/** The OpenAPI 3.1 document. */
export function openApiDocument(): Json {
  const paths: Json = {};
  for (const e of ENDPOINTS) paths[e.path] = operation(e);
  paths['/health'] = {
    get: {
      summary: 'Whether the server answers: its engine version and workers (the same bytes each time)',
      operationId: 'health',
      security: [],
      responses: { '200': { description: 'up', content: { 'application/json': { schema: { type: 'object' } } } } },
    },
  };
  paths['/status'] = {
    get: {
      summary: 'How the work stands: tasks queued and in flight, engine requests being read and waiting',
      operationId: 'status',
      security: [],
      responses: { '200': { description: 'up', content: { 'application/json': { schema: { type: 'object' } } } } },
    },
  };
  const query = (schema: z.ZodType): Json[] => parameters({ params: schema } as Endpoint);
  const json = (schema: Json) => ({ 'application/json': { schema } });
  const storeAnswers = (description: string, extra: Json = {}) => ({
    '200': { description, content: json({ type: 'object' }) },
    '400': problemResponse('an unknown or bad parameter'),
    '401': problemResponse('no bearer token, or a wrong one (when the server has one)'),
    '404': problemResponse('no such record, or a server started without --store'),
    '503': busyResponse,
    ...extra,
  });
  paths['/v1/records'] = {
    get: {
      summary: 'The stored decisions, as `usmca-roo records list --json` prints them (a server started with --store)',
      operationId: 'recordsList',
      parameters: query(recordsListParams),
      responses: storeAnswers('format usmca-roo/records@1'),
    },
  };
  paths['/v1/records/replay'] = {
    get: {
      summary: 'Replay stored decisions, as `usmca-roo records replay --json` (the exit code in Usmca-Roo-Exit-Code)',
      operationId: 'recordsReplay',
      parameters: query(recordsReplayParams),
      responses: storeAnswers('format usmca-roo/records-replay@1: an outcome per record'),
    },
  };
  paths['/v1/records/{ref}'] = {
    get: {
      summary: 'One stored record, checked against its hash: the record file, as `usmca-roo records show REF --json`',
      operationId: 'recordsShow',
      parameters: [{ name: 'ref', in: 'path', required: true, schema: { type: 'string' } }],
      responses: storeAnswers('the record (format usmca-roo/record@2)', {
        '409': problemResponse('the stored record was altered (RECORD_TAMPERED)'),
      }),
    },
  };
  paths['/v1/impact'] = {
    post: {
      summary:
        'Which stored decisions a proposed change (a scenario, a rule pack the server was started with, or both) or the loss of a piece of evidence would flip, as `usmca-roo impact --json`',
      description:
        'The scenario is the body (YAML or JSON) or a multipart file `scenario`; `rules=NAME` re-runs each record under a rule pack the operator named when starting the server (`usmca-roo serve --store DB --rules-dir NAME=DIR`: a client never names a folder); `withoutEvidence=ID` takes no body. A NAME the server does not have is 400 PARAMETER_INVALID, listing the names it has.',
      operationId: 'impact',
      parameters: query(impactParams),
      requestBody: {
        required: false,
        content: {
          'application/yaml': { schema: { type: 'string' } },
          'application/json': { schema: { type: 'object' } },
          'multipart/form-data': {
            schema: { type: 'object', properties: { scenario: { type: 'string', format: 'binary' } } },
          },
        },
      },
      responses: storeAnswers('format usmca-roo/impact@1 (or the text, or the CSV of flips)', {
        '422': problemResponse('problems in the scenario, or a store that cannot be used'),
      }),
    },
  };
  paths['/v1/examples'] = {
    get: {
      summary: 'The example claims bundled with the engine, and their files',
      operationId: 'examples',
      responses: {
        '200': { description: 'the examples', content: { 'application/json': { schema: { type: 'object' } } } },
      },
    },
  };
  paths['/v1/examples/{name}/{file}'] = {
    get: {
      summary: 'One file of an example',
      operationId: 'exampleFile',
      parameters: [
        { name: 'name', in: 'path', required: true, schema: { type: 'string' } },
        { name: 'file', in: 'path', required: true, schema: { type: 'string' } },
      ],
      responses: { '200': { description: 'the file' }, '404': problemResponse('no such example or file') },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'usmca-roo',
      version: ENGINE.version,
      description:
        'Decides whether a motor vehicle or automotive part is originating under the USMCA automotive rules of origin (Uniform Regulations, SOR/2020-155 = 19 CFR 182 App. A), and shows why. Every answer is what the usmca-roo command line gives for the same input, byte for byte. A compliance aid, not legal advice.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths,
    components: {
      schemas: components(),
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'when the server was started with --token-file' },
      },
    },
  };
}
