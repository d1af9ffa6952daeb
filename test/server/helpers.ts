/** A server on a free loopback port for one test file, requests with files, and the command line in a folder. */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { buildServer, type ServerOptions } from '../../src/server/app.js';

export const ROOT = join(import.meta.dirname, '..', '..');
export const EXAMPLES = join(ROOT, 'examples');

export interface Running {
  url: string;
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions = {}): Promise<Running> {
  const { app } = await buildServer({ threads: 2, ...options });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url: address, close: () => app.close() };
}

/** A multipart body: [field, file path] pairs (each sent under its base name unless `as` is given) and text fields. */
export function form(files: Array<[string, string, string?]>, fields: Record<string, string> = {}): FormData {
  const f = new FormData();
  for (const [field, path, as] of files) f.append(field, new Blob([readFileSync(path)]), as ?? basename(path));
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
}

export interface Answer {
  status: number;
  type: string;
  text: string;
  bytes: Buffer;
  headers: Headers;
}

export async function post(url: string, body: BodyInit, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(url, { method: 'POST', body, headers });
  const bytes = Buffer.from(await res.arrayBuffer());
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    text: bytes.toString('utf8'),
    bytes,
    headers: res.headers,
  };
}

/** The command line, in-process, in folder `cwd`. */
export async function cli(cwd: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const { run } = await import('../../src/cli/main.js');
  let out = '';
  let err = '';
  const code = await run(args, { stdout: (t) => (out += t), stderr: (t) => (err += t), cwd });
  return { code, out, err };
}

/** The codes of a problem answer, after checking its shape: the CLI's problems object, no stack trace. */
export function problemCodes(a: Answer): string[] {
  const body = JSON.parse(a.text) as {
    format: string;
    problems: Array<{ code: string; message: string; file: string; path: string }>;
  };
  if (body.format !== 'usmca-roo/problems@1') throw new Error(`not a problems object: ${a.text.slice(0, 200)}`);
  if (/\n\s+at |node:internal|usmca-roo-serve-/.test(a.text) || a.text.includes(ROOT))
    throw new Error(`a stack or a server path in: ${a.text}`);
  for (const p of body.problems)
    if (
      typeof p.code !== 'string' ||
      typeof p.message !== 'string' ||
      typeof p.file !== 'string' ||
      typeof p.path !== 'string'
    )
      throw new Error(`a problem without code, message, file or path: ${JSON.stringify(p)}`);
  return body.problems.map((p) => p.code);
}
