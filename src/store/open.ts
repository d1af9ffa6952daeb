/**
 * Opening a decision store: a folder holds an embedded PostgreSQL (PGlite; nothing to install), and a
 * `postgres://` or `postgresql://` URL names a PostgreSQL server that a team shares. Both get the same schema
 * through the same migrations. A store whose schema includes a migration this version does not know was made
 * by a newer version of usmca-roo and is refused, before anything is written to it.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Kysely, Migrator, PostgresDialect, sql, type Dialect } from 'kysely';
import { ENGINE } from '../version.js';
import { MIGRATION_LOCK_TABLE, MIGRATION_TABLE, MIGRATIONS, migrationProvider } from './migrations.js';
import type { StoreSchema } from './schema.js';

/** A store that cannot be opened or used as asked: a message for the user, exit code 2. */
export class StoreError extends Error {}

export interface Store {
  db: Kysely<StoreSchema>;
  kind: 'pglite' | 'postgres';
  /** The folder, or the server URL with any password masked. */
  location: string;
  /** The connection string (postgres only), for the job queue. */
  url?: string;
  close(): Promise<void>;
}

/** Whether a --store value names a PostgreSQL server rather than a folder. */
export function isServerUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/**
 * Opens (creating if needed) the store at `location`: a folder, resolved against `cwd`, or a PostgreSQL URL.
 * Runs the migrations this version knows. Throws StoreError when the store is from a newer version, the
 * folder is something else, or the server cannot be reached.
 */
export async function openStore(location: string, cwd = process.cwd()): Promise<Store> {
  const server = isServerUrl(location);
  const shown = server ? maskPassword(location) : resolve(cwd, location);
  const dialect = server ? await serverDialect(location) : await folderDialect(resolve(cwd, location));
  const db = new Kysely<StoreSchema>({ dialect });
  try {
    await refuseNewer(db, shown);
    // The bookkeeping tables go in the schema the store's tables go in (the first of the search path), so
    // stores in two schemas of one server never see each other's.
    const schema = await sql<{ s: string }>`select current_schema() as s`.execute(db);
    const migrator = new Migrator({
      db,
      provider: migrationProvider,
      migrationTableName: MIGRATION_TABLE,
      migrationLockTableName: MIGRATION_LOCK_TABLE,
      migrationTableSchema: schema.rows[0]?.s ?? 'public',
    });
    const { error } = await migrator.migrateToLatest();
    if (error) throw error;
    await db
      .insertInto('store_info')
      .values({ key: 'created-by', value: `${ENGINE.name} ${ENGINE.version}` })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
  } catch (err) {
    await db.destroy();
    if (err instanceof StoreError) throw err;
    const code = (err as { code?: string }).code;
    if (server && (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === '28P01' || code === '3D000'))
      throw new StoreError(`cannot open the store at ${shown}: ${(err as Error).message}`);
    throw err;
  }
  return {
    db,
    kind: server ? 'postgres' : 'pglite',
    location: shown,
    ...(server ? { url: location } : {}),
    close: () => db.destroy(),
  };
}

async function serverDialect(url: string): Promise<Dialect> {
  const { default: pg } = await import('pg');
  return new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 4 }) });
}

async function folderDialect(dir: string): Promise<Dialect> {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new StoreError(`the store ${dir} is a file, not a folder`);
    const entries = readdirSync(dir);
    if (entries.length > 0 && !entries.includes('PG_VERSION'))
      throw new StoreError(
        `the folder ${dir} holds other files and is not a usmca-roo store; name a new or empty folder`,
      );
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGliteDialect } = await import('kysely-pglite-dialect');
  const pglite = new PGlite(dir);
  await pglite.waitReady;
  return new PGliteDialect(pglite);
}

/** Refuses a store whose applied migrations include names this version does not know. */
async function refuseNewer(db: Kysely<StoreSchema>, shown: string): Promise<void> {
  const exists = await sql<{ t: string | null }>`select to_regclass(${MIGRATION_TABLE})::text as t`.execute(db);
  if (!exists.rows[0]?.t) return;
  const applied = await sql<{ name: string }>`select name from ${sql.table(MIGRATION_TABLE)} order by name`.execute(db);
  const unknown = applied.rows.map((r) => r.name).filter((n) => !Object.hasOwn(MIGRATIONS, n));
  if (unknown.length === 0) return;
  const info = await sql<{ value: string }>`select value from store_info where key = 'created-by'`
    .execute(db)
    .catch(() => ({ rows: [] as Array<{ value: string }> }));
  throw new StoreError(
    `the store at ${shown} was made or upgraded by a newer version of usmca-roo (its schema has ${unknown.join(', ')}, ` +
      `unknown to ${ENGINE.name} ${ENGINE.version}${info.rows[0] ? `; created by ${info.rows[0].value}` : ''}); ` +
      'use that version or a later one: this one will not read or write it',
  );
}

function maskPassword(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/@]+):[^@]*@/i, '$1:***@');
}
