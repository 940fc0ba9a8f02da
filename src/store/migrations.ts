import { Migrator, PostgresAdapter, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

/**
 * Versioned migrations, applied at start by Kysely's Migrator. It takes a lock before it looks at
 * what has run (an advisory lock on PostgreSQL), so two instances starting together apply each
 * migration exactly once. Migrations only ever add: a config is never rewritten or dropped here.
 */
const migrations: Record<string, Migration> = {
  '0001_users': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('users')
        .ifNotExists()
        .addColumn('uuid', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('kdf', 'varchar(64)', (c) => c.notNull())
        .addColumn('salt', 'varchar(64)', (c) => c.notNull())
        .addColumn('wrapped_key', 'text', (c) => c.notNull())
        .addColumn('verifier', 'varchar(64)', (c) => c.notNull())
        .addColumn('config', 'text', (c) => c.notNull())
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .execute();
    },
  },
};

class StaticProvider implements MigrationProvider {
  async getMigrations() {
    return migrations;
  }
}

/**
 * On PostgreSQL, the schema the tables live in (the first of search_path). Kysely's Migrator, when
 * not told a schema, looks for its tables in *every* schema of the database: a `schema_migrations`
 * table in another schema would then make it skip creating its own and fail.
 */
async function currentSchema(db: Kysely<any>): Promise<string | undefined> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return undefined;
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  return rows[0]?.schema ?? undefined;
}

export async function migrate(db: Kysely<any>): Promise<string[]> {
  const migrationTableSchema = await currentSchema(db);
  const migrator = new Migrator({
    db,
    provider: new StaticProvider(),
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Whether every migration this build knows has run: the readiness check (one small query). */
export async function migrationsComplete(db: Kysely<any>): Promise<boolean> {
  const rows = await db.selectFrom('schema_migrations').select('name').execute();
  const done = new Set(rows.map((r: { name: string }) => r.name));
  return Object.keys(migrations).every((name) => done.has(name));
}
