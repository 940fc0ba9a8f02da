/**
 * presets-examples.json's error examples through the User API: "through the User API it surfaces
 * as a 4xx error envelope" (the file's notes). Each is refused on create with the example's
 * exact message.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../helpers/api.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { expectError } from '../api/assertions.js';

interface Example {
  kind: string;
  example: string;
  input: { options: Record<string, unknown>; services: unknown[]; userData?: Record<string, unknown> };
  output: unknown[] | { error: string };
}

const file = JSON.parse(readFileSync(new URL('../../../shared/spec/presets-examples.json', import.meta.url), 'utf8')) as { examples: Example[] };
const failing = file.examples.filter((e): e is Example & { output: { error: string } } => !Array.isArray(e.output) && 'error' in e.output);

describe('preset error examples through POST /api/v1/user', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer({ env: { DISABLE_RATE_LIMITS: 'true' } });
  });
  afterAll(() => srv?.close());

  it('has error examples to replay', () => {
    expect(failing.length).toBeGreaterThanOrEqual(29);
  });

  it.each(failing.map((e) => [`${e.kind} ${e.example}`, e] as const))('%s', async (_name, ex) => {
    const config = {
      presets: [{ type: ex.kind, instanceId: 'abc', enabled: true, options: ex.input.options }],
      services: ex.input.services,
      formatter: { id: 'torrentio' },
      sortCriteria: { global: [] },
      ...(ex.input.userData ?? {}),
    };
    const res = await call(srv.url, 'POST', '/api/v1/user', { body: { config, password: 'examples password' } });
    expectError(res, 400, 'USER_INVALID_CONFIG', ex.output.error);
  });
});
