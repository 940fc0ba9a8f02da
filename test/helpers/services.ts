import pg from 'pg';
import { createClient } from 'redis';

/**
 * The real services the suite talks to. When TEST_DATABASE_URI / TEST_REDIS_URI are set the
 * service must answer: an unreachable one fails the suite loudly instead of skipping it.
 */
export const TEST_DATABASE_URI = process.env.TEST_DATABASE_URI;
export const TEST_REDIS_URI = process.env.TEST_REDIS_URI;

export async function assertPostgresReachable(): Promise<void> {
  if (!TEST_DATABASE_URI) return;
  const client = new pg.Client({ connectionString: TEST_DATABASE_URI, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (err) {
    throw new Error(`TEST_DATABASE_URI is set but PostgreSQL is unreachable: ${(err as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function assertRedisReachable(): Promise<void> {
  if (!TEST_REDIS_URI) return;
  const client = createClient({ url: TEST_REDIS_URI, socket: { connectTimeout: 3000, reconnectStrategy: false } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (err) {
    throw new Error(`TEST_REDIS_URI is set but Redis is unreachable: ${(err as Error).message}`);
  } finally {
    if (client.isOpen) await client.close();
  }
}

/** A fresh PostgreSQL schema, so every server in the suite starts from an empty database. */
export async function freshPostgresUri(): Promise<{ uri: string; drop(): Promise<void> }> {
  if (!TEST_DATABASE_URI) throw new Error('TEST_DATABASE_URI is not set');
  const schema = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URI });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URI);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    uri: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: TEST_DATABASE_URI });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    },
  };
}
