/**
 * The two kinds of store every store test runs against: PGlite in a folder, and a PostgreSQL server when
 * USMCA_ROO_TEST_PG names one (postgres://user:pass@host/db; CI sets it, .ci/run starts the server). Without
 * it the PostgreSQL cases are skipped. Each fresh store is its own folder, or its own schema on the server.
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store/open.js';

export const PG_URL = process.env.USMCA_ROO_TEST_PG;

let template: Promise<string> | undefined;

/** A PGlite store made once per test file and copied: creating the database takes PGlite several seconds. */
async function pgliteStore(): Promise<string> {
  template ??= (async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'store-template-')), 'db');
    const s = await openStore(dir);
    await s.close();
    return dir;
  })();
  const dir = join(mkdtempSync(join(tmpdir(), 'store-')), 'db');
  cpSync(await template, dir, { recursive: true });
  return dir;
}

/** A new schema on the test server, named in the URL's search_path. */
async function postgresStore(): Promise<string> {
  const { default: pg } = await import('pg');
  const schema = `t_${Math.random().toString(36).slice(2, 10)}`;
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  await client.query(`create schema ${schema}`);
  await client.end();
  return `${PG_URL}${PG_URL!.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
}

export interface Backend {
  name: 'pglite' | 'postgres';
  fresh: () => Promise<string>;
}

export const BACKENDS: Backend[] = [
  { name: 'pglite', fresh: pgliteStore },
  ...(PG_URL ? [{ name: 'postgres' as const, fresh: postgresStore }] : []),
];

/** Runs raw SQL on a store (for tests that play the part of someone editing the database by hand). */
export async function rawSql(location: string, text: string): Promise<unknown[]> {
  const { sql } = await import('kysely');
  const s = await openStore(location);
  try {
    // One statement at a time: PGlite's extended protocol takes a single statement per query.
    let rows: unknown[] = [];
    for (const statement of text
      .split(';')
      .map((t) => t.trim())
      .filter(Boolean))
      rows = (await sql.raw(statement).execute(s.db)).rows as unknown[];
    return rows;
  } finally {
    await s.close();
  }
}
