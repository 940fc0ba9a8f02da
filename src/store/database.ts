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

/**
 * How long a request waits for a PostgreSQL connection, and the longest one statement may run:
 * with the server down or unreachable, requests fail fast (a 503) instead of queueing for ever.
 */
const CONNECT_TIMEOUT_MS = 3_000;
const STATEMENT_TIMEOUT_MS = 10_000;

/** Opens the database named by DATABASE_URI: sqlite://<path> or postgres(ql)://… */
export async function openDatabase(uri: string, log?: { warn(obj: object, msg: string): void }): Promise<OpenedDatabase> {
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
    const pool = new pg.Pool({
      connectionString: uri,
      max: 10,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      statement_timeout: STATEMENT_TIMEOUT_MS,
      // Notices a peer that vanished without closing the connection (a host gone, a cable pulled).
      keepAlive: true,
    });
    // A connection the server drops (a restart, a crash, a failover) emits 'error': on the pool when
    // it was idle, on the client when a query was running. With no listener either one would crash
    // the process. The query itself fails (a 503), and the pool replaces the dead connection.
    const dropped = (err: Error) => log?.warn({ err: err.message }, 'PostgreSQL dropped a connection');
    pool.on('error', dropped);
    pool.on('connect', (client) => client.on('error', dropped));
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
