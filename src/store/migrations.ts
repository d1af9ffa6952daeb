/**
 * The store's schema, as an ordered list of migrations run by Kysely's Migrator: the same on PGlite and on a
 * PostgreSQL server. Migrations are code (no files to find at run time), named `NNNN-what`; a store whose
 * applied migrations include a name this list does not know was made by a newer version and is refused
 * (open.ts). Stored documents are immutable: triggers refuse every UPDATE and DELETE on their tables.
 */
import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

/** Tables whose rows are never changed once written. */
const IMMUTABLE = [
  'rule_packs',
  'records',
  'evidence',
  'record_evidence',
  'certificates',
  'certificate_records',
  'filings',
  'filing_identifiers',
] as const;

const initial: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('store_info')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('rule_packs')
      .addColumn('sha256', 'text', (c) => c.primaryKey())
      .addColumn('pack_id', 'text', (c) => c.notNull())
      .addColumn('version', 'text', (c) => c.notNull())
      .addColumn('content', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('records')
      .addColumn('seq', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
      .addColumn('claim_id', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('record_sha256', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('rule_pack_sha256', 'text', (c) => c.notNull().references('rule_packs.sha256'))
      .addColumn('model_line', 'text')
      .addColumn('hs', 'text', (c) => c.notNull())
      .addColumn('good_kind', 'text', (c) => c.notNull())
      .addColumn('verdict', 'text', (c) => c.notNull())
      .addColumn('decision_date', 'text', (c) => c.notNull())
      .addColumn('rules_id', 'text', (c) => c.notNull())
      .addColumn('rules_version', 'text', (c) => c.notNull())
      .addColumn('engine_version', 'text', (c) => c.notNull())
      .addColumn('estimated', 'text', (c) => c.notNull())
      .addColumn('run_id', 'text')
      .addColumn('recorded_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('records_claim_version', ['claim_id', 'version'])
      .addUniqueConstraint('records_run_claim', ['run_id', 'claim_id'])
      .execute();
    for (const column of ['model_line', 'hs', 'verdict', 'decision_date', 'rules_version', 'record_sha256'])
      await db.schema.createIndex(`records_${column}`).on('records').column(column).execute();
    await db.schema
      .createTable('evidence')
      .addColumn('seq', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
      .addColumn('evidence_id', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('supplier', 'text', (c) => c.notNull())
      .addColumn('period_start', 'text', (c) => c.notNull())
      .addColumn('period_end', 'text', (c) => c.notNull())
      .addUniqueConstraint('evidence_id_version', ['evidence_id', 'version'])
      .execute();
    await db.schema
      .createTable('record_evidence')
      .addColumn('record_seq', 'integer', (c) => c.notNull().references('records.seq'))
      .addColumn('evidence_seq', 'integer', (c) => c.notNull().references('evidence.seq'))
      .addColumn('line', 'text', (c) => c.notNull())
      .addColumn('use', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('record_evidence_pk', ['record_seq', 'evidence_seq', 'line'])
      .execute();
    await db.schema.createIndex('record_evidence_evidence').on('record_evidence').column('evidence_seq').execute();
    await db.schema
      .createTable('certificates')
      .addColumn('seq', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('signed_on', 'text', (c) => c.notNull())
      .addColumn('blanket_start', 'text')
      .addColumn('blanket_end', 'text')
      .execute();
    await db.schema
      .createTable('certificate_records')
      .addColumn('certificate_seq', 'integer', (c) => c.notNull().references('certificates.seq'))
      .addColumn('record_seq', 'integer', (c) => c.notNull().references('records.seq'))
      .addPrimaryKeyConstraint('certificate_records_pk', ['certificate_seq', 'record_seq'])
      .execute();
    await db.schema.createIndex('certificate_records_record').on('certificate_records').column('record_seq').execute();
    await db.schema
      .createTable('filings')
      .addColumn('seq', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('period_start', 'text', (c) => c.notNull())
      .addColumn('period_end', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('filing_identifiers')
      .addColumn('filing_seq', 'integer', (c) => c.notNull().references('filings.seq'))
      .addColumn('identifier', 'text', (c) => c.notNull().unique())
      .addColumn('received_on', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('run_results')
      .addColumn('run_id', 'text', (c) => c.notNull())
      .addColumn('item', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('run_results_pk', ['run_id', 'item'])
      .execute();
    await sql`create function usmca_roo_immutable() returns trigger language plpgsql as $$
      begin
        raise exception 'usmca-roo: % rows are immutable (a re-evaluation adds a version)', tg_table_name;
      end $$`.execute(db);
    for (const table of IMMUTABLE)
      await sql`create trigger ${sql.ref(`${table}_immutable`)} before update or delete on ${sql.table(table)}
        for each row execute function usmca_roo_immutable()`.execute(db);
  },
};

/** Every migration this version knows, by name, in order. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-initial': initial,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => ({ ...MIGRATIONS }),
};

/** Kysely's bookkeeping tables, named so that they cannot clash with anything of ours. */
export const MIGRATION_TABLE = 'usmca_roo_migration';
export const MIGRATION_LOCK_TABLE = 'usmca_roo_migration_lock';
