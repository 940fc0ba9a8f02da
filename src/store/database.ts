import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

/** One row per user. Every secret column holds ciphertext (base64), never a plain value. */
export interface UsersTable {
  uuid: string;
  /** Bumped on every config write; part of the config's AEAD associated data and the ETag. */
  version: number;
  kdf: string;
  salt: string;
  wrapped_key: string;
  verifier: string;
  config: string;
  created_at: string;
  updated_at: string;
}

export interface DatabaseSchema {
  users: UsersTable;
}

export type Db = Kysely<DatabaseSchema>;
export type Dialect = 'sqlite' | 'postgres';

export interface OpenedDatabase {
  db: Db;
  dialect: Dialect;
  close(): Promise<void>;
}

/** Opens the database named by DATABASE_URI: sqlite://<path> or postgres(ql)://… */
export async function openDatabase(uri: string): Promise<OpenedDatabase> {
  if (uri.startsWith('sqlite://')) {
    const file = uri.slice('sqlite://'.length);
    if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const { default: Sqlite } = await import('better-sqlite3');
    const sqlite = new Sqlite(file);
    // WAL lets readers run beside a writer; busy_timeout makes a second process wait, not fail.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    const db = new Kysely<DatabaseSchema>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    return { db, dialect: 'sqlite', close: () => db.destroy() };
  }
  if (/^postgres(ql)?:\/\//.test(uri)) {
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: uri, max: 10 });
    const db = new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  throw new Error('DATABASE_URI must start with sqlite://, postgres:// or postgresql://');
}


type SqliteDb = import('better-sqlite3').Database;

/**
 * Kysely prepares a statement for every query; preparing costs more than running a point lookup.
 * Our queries are a handful of fixed SQL texts, so statements are prepared once and reused.
 */
function withStatementCache(sqlite: SqliteDb): SqliteDb {
  const cache = new Map<string, ReturnType<SqliteDb['prepare']>>();
  return new Proxy(sqlite, {
    get(target, prop, receiver) {
      if (prop !== 'prepare') {
        const value: unknown = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return (sql: string) => {
        let stmt = cache.get(sql);
        if (!stmt) {
          if (cache.size >= 200) cache.clear();
          stmt = target.prepare(sql);
          cache.set(sql, stmt);
        }
        return stmt;
      };
    },
  });
}
