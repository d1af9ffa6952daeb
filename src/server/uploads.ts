/**
 * What a request brings: files (a claim and its producer document, CSV/XLSX tables and mappings, records, a
 * certificate, party documents, keys) and parameters. A body of one document (JSON, YAML, PDF) is one file; a
 * multipart body holds files under the endpoint's field names, and text fields that are parameters like the
 * query's. Files are staged in a fresh private folder of their own, under their bare names, so the library reads
 * them exactly as the command line reads files in a folder, and a document can name only what came with it.
 */
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyRequest } from 'fastify';
import { HttpProblem, requestProblem } from './problems.js';
import { isSpilled, receiverOf, type Received } from './receive.js';

/** A file field of an endpoint's multipart body. */
export interface FileField {
  /** Whether the field may be given more than once. */
  multiple: boolean;
  required: boolean;
  description: string;
}

/** What an endpoint takes: its multipart file fields, and the file a one-document body becomes, by content type. */
export interface BodySpec {
  files: Record<string, FileField>;
  /** Content type (without parameters) -> [field, file name] of a body that is one document. */
  single: Record<string, readonly [string, string]>;
}

export interface ReadBody {
  /** Uploaded files by field, each a bare file name, in the order sent. */
  files: Map<string, string[]>;
  /** Each file's bytes, or, for the files of a large upload, the file on disk they were received into. */
  contents: Map<string, Received>;
  /** Text fields of a multipart body (parameters, as the query's; repeated fields collected). */
  fields: Record<string, string | string[]>;
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
export const MAX_FILE_NAME = 200;

/**
 * Refuses a file name that is not a bare name: a path separator (/ or \), a control character, ".", "..", a name
 * starting with a dot (hidden) or a dash (read as an option), an empty or overlong name.
 */
export function checkFileName(name: string, field: string): void {
  const why =
    name.length === 0
      ? 'is empty'
      : name.length > MAX_FILE_NAME
        ? `is longer than ${MAX_FILE_NAME} characters`
        : /[/\\]/.test(name)
          ? 'holds a path separator: send the bare file name (documents name each other by it)'
          : CONTROL.test(name)
            ? 'holds a control character'
            : name.startsWith('.')
              ? 'starts with a dot'
              : name.startsWith('-')
                ? 'starts with a dash'
                : undefined;
  if (why) throw requestProblem('FILE_NAME_INVALID', `files[${field}]`, `the file name ${JSON.stringify(name)} ${why}`);
}

function addFile(body: ReadBody, field: string, name: string, bytes: Received): void {
  checkFileName(name, field);
  if (body.contents.has(name))
    throw requestProblem(
      'FILE_DUPLICATE',
      `files[${field}]`,
      `two uploaded files are named ${JSON.stringify(name)}: documents name each other by file name`,
    );
  body.contents.set(name, bytes);
  body.files.set(field, [...(body.files.get(field) ?? []), name]);
}

function addField(body: ReadBody, name: string, value: string): void {
  const had = body.fields[name];
  body.fields[name] = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value];
}

async function readParts(request: FastifyRequest, spec: BodySpec, body: ReadBody, limits: ReadLimits): Promise<void> {
  const receiver = receiverOf(request.raw, limits.maxTotal, limits.spillFrom);
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      const field = spec.files[part.fieldname];
      if (!field)
        throw requestProblem(
          'FIELD_UNKNOWN',
          `files[${part.fieldname}]`,
          `this endpoint takes files in ${Object.keys(spec.files).join(', ')}, not in "${part.fieldname}"`,
        );
      const bytes = await receiver.receive(part.file);
      if (part.file.truncated) throw receiver.tooLarge();
      if (!field.multiple && body.files.has(part.fieldname))
        throw requestProblem('PARAMETER_INVALID', `files[${part.fieldname}]`, `give one file in "${part.fieldname}"`);
      addFile(body, part.fieldname, part.filename, bytes);
    } else addField(body, part.fieldname, String(part.value));
  }
}

/** The content type without its parameters, lower case. */
export function mediaType(request: FastifyRequest): string {
  return (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** The limits of reading a body. */
export interface ReadLimits {
  /** Most bytes of files, all together. */
  maxTotal: number;
  /** Bytes of files (all together) from which the rest is received onto disk (receive.ts). */
  spillFrom: number;
}

/**
 * Reads the body into files and fields, checking names and fields against the endpoint's spec. A one-document
 * body has been received already (by the content type's parser, receive.ts); a multipart body's files are received
 * here, part by part.
 */
export async function readBody(request: FastifyRequest, spec: BodySpec, limits: ReadLimits): Promise<ReadBody> {
  const body: ReadBody = { files: new Map(), contents: new Map(), fields: {} };
  const type = mediaType(request);
  if (type === 'multipart/form-data') {
    try {
      await readParts(request, spec, body, limits);
    } catch (err) {
      // The multipart reader's own errors carry no code: a body it cannot read is the client's.
      if (err instanceof HttpProblem || (err as { code?: string }).code?.startsWith('FST_')) throw err;
      throw requestProblem('BODY_MALFORMED', 'body', `the multipart body cannot be read (${(err as Error).message})`);
    }
  } else {
    const single = spec.single[type];
    if (!single) {
      const accepted = [...Object.keys(spec.single), 'multipart/form-data'];
      throw requestProblem(
        'CONTENT_TYPE_UNSUPPORTED',
        'Content-Type',
        `this endpoint reads ${accepted.join(', ')}, not ${type || 'a body without a content type'}`,
      );
    }
    const bytes = request.body as Received | undefined;
    if (bytes === undefined || bytes === null || bytes.length === 0)
      throw requestProblem('BODY_EMPTY', 'body', 'the body is empty');
    addFile(body, single[0], single[1], bytes);
  }
  for (const [name, field] of Object.entries(spec.files))
    if (field.required && !body.files.has(name))
      throw requestProblem(
        'PART_MISSING',
        `files[${name}]`,
        `the request needs a file in "${name}": ${field.description}`,
      );
  return body;
}

/** A private folder holding the request's files under their names; removed by `remove`. */
export interface Staged {
  dir: string;
  remove(): Promise<void>;
}

export async function stage(body: ReadBody): Promise<Staged> {
  const dir = await mkdtemp(join(tmpdir(), 'usmca-roo-serve-'));
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    for (const [name, bytes] of body.contents)
      if (isSpilled(bytes)) await copyFile(bytes.path, join(dir, name));
      else await writeFile(join(dir, name), bytes, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    await remove();
    throw err;
  }
  return { dir, remove };
}
