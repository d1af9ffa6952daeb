/**
 * The engine's endpoints as a table: for each, its parameters (zod), the files it takes, and how a request
 * becomes a worker task. The routes (app.ts) and the OpenAPI document (openapi.ts) are both made from it.
 */
import type { z } from 'zod';
import {
  adviseParams,
  certificateParams,
  contentParams,
  evaluateParams,
  replayParams,
  validateParams,
} from './params.js';
import { requestProblem } from './problems.js';
import type { Task } from './task.js';
import type { BodySpec, ReadBody } from './uploads.js';

export interface Endpoint<S extends z.ZodType = z.ZodType> {
  path: string;
  summary: string;
  description: string;
  params: S;
  body: BodySpec;
  /** Schema names (openapi.ts components) of a one-document body, by content type. */
  bodySchemas: Record<string, string>;
  /** What a success answers, by content type: a schema name, or 'binary' / 'text'. */
  answers: Record<string, string>;
  task(dir: string, body: ReadBody, params: z.output<S>): Task;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const one = (body: ReadBody, field: string): string | undefined => body.files.get(field)?.[0];
const all = (body: ReadBody, field: string): string[] => body.files.get(field) ?? [];
const need = (body: ReadBody, field: string): string => one(body, field) as string; // required: checked by readBody

/** A body that is one YAML or JSON document, by content type: the multipart field it stands for and its file name. */
export function oneDocument(field: string, base: string): BodySpec['single'] {
  return {
    'application/json': [field, `${base}.json`],
    'application/yaml': [field, `${base}.yaml`],
    'application/x-yaml': [field, `${base}.yaml`],
    'text/yaml': [field, `${base}.yaml`],
  };
}

const claimFile = { multiple: false, required: true, description: 'the claim document (YAML or JSON)' };
const claimSchemas = { 'application/json': 'Claim', 'application/yaml': 'Claim' };

const claimFiles = {
  files: {
    multiple: true,
    required: false,
    description: 'files the claim names by their bare names: its producer document, CSV/XLSX tables, mappings',
  },
};

const evaluate: Endpoint<typeof evaluateParams> = {
  path: '/v1/evaluate',
  summary: 'Evaluate a claim: is the good originating, and why',
  description:
    'The decision as `usmca-roo evaluate --json` prints it, byte for byte (or the worksheet, or the decision record). The claim is the body (JSON or YAML, its producer document inline), or a multipart file `claim` with the files it names (`files`) and an optional JSON Patch (`patch`, as `--patch`). A claim that does not qualify is an answer (200, header Usmca-Roo-Verdict: not-originating); a claim with problems is 422 with every problem.',
  params: evaluateParams,
  body: {
    files: {
      claim: claimFile,
      ...claimFiles,
      patch: { multiple: false, required: false, description: 'a JSON Patch (RFC 6902) of the claim as read' },
    },
    single: oneDocument('claim', 'claim'),
  },
  bodySchemas: claimSchemas,
  answers: { 'application/json': 'Decision', 'text/plain': 'text' },
  task: (dir, body, p) => ({
    kind: 'evaluate',
    dir,
    claim: need(body, 'claim'),
    output: p.output,
    patch: one(body, 'patch'),
    set: p.set,
  }),
};

const advise: Endpoint<typeof adviseParams> = {
  path: '/v1/advise',
  summary: 'What would make a claim pass: plans of changes, each proven by evaluating the changed claim',
  description:
    'What `usmca-roo advise CLAIM --json` prints (format usmca-roo/advice@1), byte for byte: plans chosen by an integer program and each proven by evaluation, with its JSON Patch (RFC 6902) for /v1/evaluate; or the advice as printed (output=text); or the supplier solicitation list (output=solicit-csv or solicit-xlsx). The claim is the body (JSON or YAML, its producer document inline), or a multipart file `claim` with the files it names (`files`). The outcome (passes, plans, no-plan) is in the header Usmca-Roo-Advice; no plan is an answer (200), as is a claim that passes already.',
  params: adviseParams,
  body: {
    files: {
      claim: claimFile,
      ...claimFiles,
    },
    single: oneDocument('claim', 'claim'),
  },
  bodySchemas: claimSchemas,
  answers: { 'application/json': 'Advice', 'text/plain': 'text', 'text/csv': 'text', [XLSX]: 'binary' },
  task: (dir, body, p) => ({
    kind: 'advise',
    dir,
    claim: need(body, 'claim'),
    output: p.output,
    objective: p.objective,
    maxPlans: p.maxPlans,
    minMargin: p.minMargin,
    maxEvaluations: p.maxEvaluations,
    sensitivity: p.sensitivity,
  }),
};

const content: Endpoint<typeof contentParams> = {
  path: '/v1/content',
  summary: 'U.S. content, non-U.S. content and the duties since 2025 (Section 232, Canada surtax)',
  description:
    'What `usmca-roo content CLAIM... --json` prints (format usmca-roo/content@1), or the text report, or the Commerce submission CSV. One claim as the body, or several as multipart files `claims` with the files they name.',
  params: contentParams,
  body: {
    files: {
      claims: { multiple: true, required: true, description: 'claim documents with a customsValue' },
      ...claimFiles,
      scenario: {
        multiple: false,
        required: false,
        description: 'a scenario file (name it in the scenario parameter)',
      },
    },
    single: oneDocument('claims', 'claim'),
  },
  bodySchemas: claimSchemas,
  answers: { 'application/json': 'ContentReport', 'text/plain': 'text', 'text/csv': 'text' },
  task: (dir, body, p) => {
    const uploaded = one(body, 'scenario');
    if (uploaded !== undefined && p.scenario !== undefined && p.scenario !== uploaded)
      throw requestProblem(
        'PARAMETER_INVALID',
        'query.scenario',
        `the uploaded scenario file is ${uploaded}, not ${p.scenario}`,
      );
    return {
      kind: 'content',
      dir,
      claims: all(body, 'claims'),
      strict: p.strict,
      scenario: uploaded ?? p.scenario,
      output: p.output,
    };
  },
};

const replay: Endpoint<typeof replayParams> = {
  path: '/v1/replay',
  summary: 'Replay a decision record: is it identical under its rules, or altered',
  description:
    'What `usmca-roo replay RECORD --json` prints (format usmca-roo/replay@2). The record is the JSON body, or a multipart file `record` with an optional public key `trustKey` (as `--trust-key`). The outcome is in the body and in the header Usmca-Roo-Outcome, with the exit code the command would give in Usmca-Roo-Exit-Code.',
  params: replayParams,
  body: {
    files: {
      record: {
        multiple: false,
        required: true,
        description: 'a decision record (evaluate --record, or output=record)',
      },
      trustKey: {
        multiple: false,
        required: false,
        description: 'an Ed25519 public key (PEM) the record must be signed by',
      },
    },
    single: { 'application/json': ['record', 'record.json'] },
  },
  bodySchemas: { 'application/json': 'Record' },
  answers: { 'application/json': 'Replay' },
  task: (dir, body, p) => ({
    kind: 'replay',
    dir,
    record: need(body, 'record'),
    rules: p.rules,
    trustKey: one(body, 'trustKey'),
    unreleasedRules: p.unreleasedRules,
  }),
};

const certificate: Endpoint<typeof certificateParams> = {
  path: '/v1/certificate',
  summary: 'Issue the certification of origin (USMCA Annex 5-A) from decision records',
  description:
    'What `usmca-roo certificate RECORD... --certifier FILE --signed-on DATE --format F` writes, as a download (PDF by default; JSON, HTML, Markdown). Multipart: `records` (one per good), `certifier`, optional `exporter` and `importer` party documents, optional `trustKey`. Issued only from records that replay identically and only a certificate `validate` accepts; otherwise 422 with the problems, and nothing issued.',
  params: certificateParams,
  body: {
    files: {
      records: { multiple: true, required: true, description: 'decision records, one good each' },
      certifier: { multiple: false, required: true, description: 'party document of the certifier, with its role' },
      exporter: { multiple: false, required: false, description: 'party document of the exporter' },
      importer: { multiple: false, required: false, description: 'party document of the importer' },
      trustKey: {
        multiple: false,
        required: false,
        description: 'an Ed25519 public key (PEM) the records must be signed by',
      },
    },
    single: {},
  },
  bodySchemas: {},
  answers: {
    'application/pdf': 'binary',
    'application/json': 'Certificate',
    'text/html': 'text',
    'text/markdown': 'text',
  },
  task: (dir, body, p) => {
    if (one(body, 'exporter') !== undefined && p.exporter !== undefined)
      throw requestProblem(
        'PARAMETER_INVALID',
        'query.exporter',
        'give an exporter file or exporter=same|unknown, not both',
      );
    return {
      kind: 'certificate',
      dir,
      records: all(body, 'records'),
      certifier: need(body, 'certifier'),
      exporter: one(body, 'exporter') ?? p.exporter,
      importer: one(body, 'importer'),
      blanket: p.blanket,
      signedOn: p.signedOn,
      format: p.format,
      lang: p.lang,
      discloseFigures: p.discloseFigures,
      annex: p.annex,
      unreleasedRules: p.unreleasedRules,
      trustKey: one(body, 'trustKey'),
    };
  },
};

const validate: Endpoint<typeof validateParams> = {
  path: '/v1/validate',
  summary: 'Check a certification of origin, and cross-check it against its records',
  description:
    'What `usmca-roo validate CERTIFICATE [--record FILE]... --json` prints (format usmca-roo/certificate-validation@2). The certificate is the body (JSON, or the PDF that embeds it), or a multipart file `certificate` with its `records` and an optional `trustKey`. The outcome is in the body and the header Usmca-Roo-Outcome.',
  params: validateParams,
  body: {
    files: {
      certificate: { multiple: false, required: true, description: 'the certificate: JSON, or the PDF' },
      records: { multiple: true, required: false, description: 'the decision records it names, to cross-check' },
      trustKey: {
        multiple: false,
        required: false,
        description: 'an Ed25519 public key (PEM) required to have signed',
      },
    },
    single: {
      'application/json': ['certificate', 'certificate.json'],
      'application/pdf': ['certificate', 'certificate.pdf'],
    },
  },
  bodySchemas: { 'application/json': 'Certificate', 'application/pdf': 'binary' },
  answers: { 'application/json': 'Validation' },
  task: (dir, body, p) => ({
    kind: 'validate',
    dir,
    certificate: need(body, 'certificate'),
    records: all(body, 'records'),
    trustKey: one(body, 'trustKey'),
    unreleasedRules: p.unreleasedRules,
  }),
};

export const ENDPOINTS: readonly Endpoint[] = [evaluate, advise, content, replay, certificate, validate] as Endpoint[];
