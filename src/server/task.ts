/**
 * The work the server hands to its worker threads, one task per request, and what comes back. Every file a task
 * names is a bare name in the task's staging folder `dir` (see uploads.ts); nothing else is read.
 */
import type { ProblemObject } from './problems.js';

/** What `evaluate` answers: the decision (as `evaluate --json`), the worksheet, the record (as `--record`), or a report for the page. */
export const EVALUATE_OUTPUTS = ['decision', 'worksheet', 'record', 'report'] as const;
export type EvaluateOutput = (typeof EVALUATE_OUTPUTS)[number];

export interface EvaluateTask {
  kind: 'evaluate';
  dir: string;
  claim: string;
  output: EvaluateOutput;
  /** A JSON Patch file (RFC 6902) in `dir`, as `evaluate --patch`. */
  patch?: string | undefined;
  /** `PATH=VALUE` assignments, as `evaluate --set`. */
  set: string[];
}

export const CONTENT_OUTPUTS = ['report', 'text', 'csv'] as const;

export interface ContentTask {
  kind: 'content';
  dir: string;
  claims: string[];
  strict: boolean;
  /** A scenario named in the tariff pack, or an uploaded scenario file (its bare name in `dir`). */
  scenario?: string | undefined;
  output: (typeof CONTENT_OUTPUTS)[number];
}

export interface ReplayTask {
  kind: 'replay';
  dir: string;
  record: string;
  rules: 'recorded' | 'current';
  trustKey?: string | undefined;
  unreleasedRules: boolean;
}

export const CERTIFICATE_FORMATS = ['json', 'md', 'html', 'pdf'] as const;

export interface CertificateTask {
  kind: 'certificate';
  dir: string;
  records: string[];
  certifier: string;
  /** A party file in `dir`, or "same" / "unknown" as `--exporter`. */
  exporter?: string | undefined;
  importer?: string | undefined;
  blanket?: string | undefined;
  signedOn?: string | undefined;
  format: (typeof CERTIFICATE_FORMATS)[number];
  lang: string;
  discloseFigures: boolean;
  annex: boolean;
  unreleasedRules: boolean;
  trustKey?: string | undefined;
}

export interface ValidateTask {
  kind: 'validate';
  dir: string;
  certificate: string;
  records: string[];
  trustKey?: string | undefined;
  unreleasedRules: boolean;
}

/** What `advise` answers: the advice (as `advise --json`), its text, or the solicitation list (as `--solicit`). */
export const ADVISE_OUTPUTS = ['advice', 'text', 'solicit-csv', 'solicit-xlsx'] as const;

export interface AdviseTask {
  kind: 'advise';
  dir: string;
  claim: string;
  output: (typeof ADVISE_OUTPUTS)[number];
  objective: 'lines' | 'cost';
  maxPlans?: number | undefined;
  /** Points, as `--min-margin`. */
  minMargin?: string | undefined;
  maxEvaluations?: number | undefined;
  sensitivity: boolean;
}

export type Task = EvaluateTask | ContentTask | ReplayTask | CertificateTask | ValidateTask | AdviseTask;

/**
 * What the server hands a worker: a task, and the request's files (bare name, bytes), which the worker writes into
 * `task.dir` (a new folder it creates, 0700) before the task and removes after, so that the server's own thread
 * spends no time on the file system.
 */
export interface StagedTask {
  task: Task;
  /** Each file's bare name and bytes, or the file on disk a large upload was received into (moved, not copied). */
  files: Array<[string, Uint8Array | { path: string; length: number }]>;
}

/** A task's answer: a body to send, problems (with their HTTP status), or an internal fault to log. */
export type TaskResult =
  | {
      kind: 'body';
      status: number;
      contentType: string;
      body: string | Uint8Array;
      headers: Record<string, string>;
      /** The sha256 of the rule pack the answer was computed under (evaluate), which the server keeps it by. */
      rules?: string | undefined;
    }
  | { kind: 'problems'; status: number; problems: ProblemObject[] }
  | { kind: 'internal'; message: string };
