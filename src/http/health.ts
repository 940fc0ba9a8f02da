import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from '../errors.js';
import type { Db } from '../store/database.js';
import { migrationsComplete } from '../store/migrations.js';
import { ok } from './envelope.js';

/** A probe result is reused this long: probes from several balancers cost one query. */
const READY_REUSE_MS = 1_000;
/** A database that takes longer than this to answer one small query is not ready. */
const READY_TIMEOUT_MS = 2_000;

export interface HealthDeps {
  db: Db;
  version: string;
}

/** Null when ready, else why not (said to the prober, so nothing secret). */
type Problem = string | null;

function readinessProbe(db: Db): () => Promise<Problem> {
  let last: { at: number; problem: Problem } | undefined;
  let pending: Promise<Problem> | undefined;
  const probe = async (): Promise<Problem> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<Problem>((resolve) => {
      timer = setTimeout(() => resolve('the database did not answer in time'), READY_TIMEOUT_MS);
    });
    const check = migrationsComplete(db).then(
      (done): Problem => (done ? null : 'database migrations have not run'),
      (): Problem => 'the database is unreachable',
    );
    try {
      return await Promise.race([check, timeout]);
    } finally {
      clearTimeout(timer);
    }
  };
  return () => {
    if (last && Date.now() - last.at < READY_REUSE_MS) return Promise.resolve(last.problem);
    pending ??= probe()
      .then((problem) => {
        last = { at: Date.now(), problem };
        return problem;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };
}

const noStore = (reply: FastifyReply) => reply.type('application/json; charset=utf-8').header('cache-control', 'no-store');

/**
 * Liveness (the process answers) and readiness (the database answers and its migrations ran; while
 * shutting down, every new request, these included, gets a 503). Registered outside every
 * rate-limited scope: balancers probe them often.
 */
export async function healthRoutes(app: FastifyInstance, deps: HealthDeps): Promise<void> {
  const ready = readinessProbe(deps.db);
  app.get('/api/v1/health', (_req, reply) => noStore(reply).send(ok('ok', { version: deps.version })));
  app.get('/api/v1/ready', async (_req, reply) => {
    const problem = await ready();
    if (problem) throw new AppError('SERVICE_UNAVAILABLE', `Not ready: ${problem}`);
    return noStore(reply).send(ok('ready', { version: deps.version }));
  });
}
