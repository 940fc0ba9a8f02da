import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, basic, call, createUser, getUser, MINIMAL_CONFIG, putUser } from '../helpers/api.js';
import { assertPostgresReachable } from '../helpers/services.js';
import { startTestServer, type Backend, type TestServer } from '../helpers/server.js';
import { expectError, expectOk } from './assertions.js';

const preset = (instanceId: string, name: string, enabled = true) => ({
  type: 'custom',
  instanceId,
  enabled,
  options: { name, manifestUrl: `https://${instanceId}.example.com/manifest.json` },
});

/** A parent with something in every section the child also sets. */
const PARENT = {
  presets: [preset('pa', 'Parent A'), preset('pb', 'Parent B')],
  services: [{ id: 'realdebrid', enabled: true, credentials: { apiKey: 'parent-rd' } }],
  formatter: { id: 'torrentio' },
  sortCriteria: { global: [{ key: 'cached', direction: 'desc' }] },
  excludedResolutions: ['480p'],
  deduplicator: { enabled: true, keys: ['filename'] },
  addonName: 'Parent Name',
  hideErrors: true,
  parentOnlyUnknown: 'parent',
};

/** The child's own config, without its parentConfig. */
const CHILD_OWN = {
  presets: [preset('pb', 'Child B'), preset('cc', 'Child C')],
  formatter: { id: 'prism' },
  sortCriteria: { global: [{ key: 'size', direction: 'asc' }] },
  includedResolutions: ['1080p'],
  excludedResolutions: ['720p', '480p'],
  addonName: 'Child Name',
  childOnlyUnknown: { kept: true },
};

describe.each(BACKENDS)('parent configs on %s', (backend: Backend) => {
  let srv: TestServer;
  let parent: { uuid: string; token: string; password: string };

  beforeAll(async () => {
    if (backend === 'postgres') await assertPostgresReachable();
    srv = await startTestServer({ backend });
    parent = await createUser(srv.url, 'parent password', PARENT);
  });
  afterAll(async () => srv?.close());

  const parentRef = (extra: Record<string, unknown> = {}) => ({ uuid: parent.uuid, password: parent.password, ...extra });

  async function createChild(mergeStrategies?: Record<string, unknown>) {
    const parentConfig = parentRef(mergeStrategies ? { mergeStrategies } : {});
    const config = { ...CHILD_OWN, parentConfig };
    const child = await createUser(srv.url, 'child password', config);
    return { ...child, config };
  }

  it('by default every section is inherited from the parent; keys in no section stay the child’s', async () => {
    const child = await createChild();
    const got = expectOk(await getUser(srv.url, child.uuid, child.password), 200, 'User details retrieved successfully');
    expect(got.userData).toStrictEqual({
      // presets, formatter, sorting (sortCriteria, deduplicator), filters, branding, misc: the parent's.
      presets: PARENT.presets,
      services: PARENT.services,
      formatter: PARENT.formatter,
      sortCriteria: PARENT.sortCriteria,
      deduplicator: PARENT.deduplicator,
      excludedResolutions: PARENT.excludedResolutions,
      addonName: PARENT.addonName,
      hideErrors: true,
      // A filter key the parent lacks is removed (inherit); unknown keys stay the child's.
      childOnlyUnknown: { kept: true },
      parentConfig: child.config.parentConfig,
    });
    expect(got.userData).not.toHaveProperty('includedResolutions');
    expect(got.userData).not.toHaveProperty('parentOnlyUnknown');
  });

  it('?raw=true answers the child exactly as stored', async () => {
    const child = await createChild();
    const raw = expectOk(await getUser(srv.url, child.uuid, child.token, '?raw=true'), 200, 'User details retrieved successfully');
    expect(raw.userData).toStrictEqual(child.config);
  });

  it('reading the merge never changes the stored child or the parent', async () => {
    const child = await createChild();
    await getUser(srv.url, child.uuid, child.token);
    await getUser(srv.url, child.uuid, child.token);
    const raw = expectOk(await getUser(srv.url, child.uuid, child.token, '?raw=true'), 200, 'User details retrieved successfully');
    expect(raw.userData).toStrictEqual(child.config);
    const parentNow = expectOk(await getUser(srv.url, parent.uuid, parent.token), 200, 'User details retrieved successfully');
    expect(parentNow.userData).toStrictEqual(PARENT);
  });

  it('override keeps the child’s sections', async () => {
    const child = await createChild({ formatter: 'override', presets: 'override', sorting: 'override', filters: 'override', branding: 'override' });
    const got = expectOk(await getUser(srv.url, child.uuid, child.token), 200, 'User details retrieved successfully');
    expect(got.userData).toStrictEqual({
      presets: CHILD_OWN.presets,
      formatter: CHILD_OWN.formatter,
      sortCriteria: CHILD_OWN.sortCriteria,
      includedResolutions: CHILD_OWN.includedResolutions,
      excludedResolutions: CHILD_OWN.excludedResolutions,
      addonName: CHILD_OWN.addonName,
      childOnlyUnknown: { kept: true },
      // Sections left at inherit still come from the parent.
      services: PARENT.services,
      hideErrors: true,
      parentConfig: child.config.parentConfig,
    });
  });

  it('extend merges presets by instanceId: the parent’s list, child entries replace in place, new ones appended', async () => {
    const child = await createChild({ presets: 'extend' });
    const got = expectOk(await getUser(srv.url, child.uuid, child.token), 200, 'User details retrieved successfully');
    expect(got.userData.presets).toStrictEqual([preset('pa', 'Parent A'), preset('pb', 'Child B'), preset('cc', 'Child C')]);
    expect(got.userData.formatter).toStrictEqual(PARENT.formatter);
  });

  it('extend merges services by id, skipping the child’s disabled ones', async () => {
    const config = {
      ...CHILD_OWN,
      services: [
        { id: 'realdebrid', enabled: true, credentials: { apiKey: 'child-rd' } },
        { id: 'torbox', enabled: true, credentials: { apiKey: 'child-tb' } },
        { id: 'premiumize', enabled: false, credentials: { apiKey: 'child-pm' } },
      ],
      parentConfig: parentRef({ mergeStrategies: { services: 'extend' } }),
    };
    const child = await createUser(srv.url, 'child password', config);
    const got = expectOk(await getUser(srv.url, child.uuid, child.token), 200, 'User details retrieved successfully');
    expect(got.userData.services).toStrictEqual([
      { id: 'realdebrid', enabled: true, credentials: { apiKey: 'child-rd' } },
      { id: 'torbox', enabled: true, credentials: { apiKey: 'child-tb' } },
    ]);
  });

  it('fieldOverrides apply per key after the sections', async () => {
    const child = await createChild({ filters: 'inherit', fieldOverrides: { excludedResolutions: 'extend', addonName: 'override' } });
    const got = expectOk(await getUser(srv.url, child.uuid, child.token), 200, 'User details retrieved successfully');
    expect(got.userData.excludedResolutions).toStrictEqual(['480p', '720p']);
    expect(got.userData.addonName).toBe(CHILD_OWN.addonName);
    expect(got.userData).not.toHaveProperty('includedResolutions');
  });

  it('the merge follows the parent’s current config', async () => {
    const p = await createUser(srv.url, 'changing parent', { ...MINIMAL_CONFIG, addonName: 'Before' });
    const child = await createUser(srv.url, 'child password', { ...MINIMAL_CONFIG, addonName: 'Child', parentConfig: { uuid: p.uuid, password: p.password } });
    expect((await getUser(srv.url, child.uuid, child.token)).body.data.userData.addonName).toBe('Before');
    expectOk(await putUser(srv.url, p.uuid, p.token, { ...MINIMAL_CONFIG, addonName: 'After' }), 200, 'User updated successfully');
    expect((await getUser(srv.url, child.uuid, child.token)).body.data.userData.addonName).toBe('After');
  });

  it('a parent can be set by PUT, and GET then merges it', async () => {
    const child = await createUser(srv.url, 'child password', CHILD_OWN);
    const config = { ...CHILD_OWN, parentConfig: parentRef() };
    const put = expectOk(await putUser(srv.url, child.uuid, child.token, config), 200, 'User updated successfully');
    // PUT answers what was stored: the child, not the merge.
    expect(put.userData).toStrictEqual(config);
    const got = expectOk(await getUser(srv.url, child.uuid, child.token), 200, 'User details retrieved successfully');
    expect(got.userData.formatter).toStrictEqual(PARENT.formatter);
  });

  describe('refused parents', () => {
    it('self reference → 400 PARENT_CONFIG_SELF_REFERENCE, config unchanged', async () => {
      const u = await createUser(srv.url, 'self password', CHILD_OWN);
      for (const uuid of [u.uuid, u.uuid.toUpperCase()]) {
        for (const password of [u.password, u.token, 'some other password']) {
          const res = await putUser(srv.url, u.uuid, u.token, { ...CHILD_OWN, parentConfig: { uuid, password } });
          expectError(res, 400, 'PARENT_CONFIG_SELF_REFERENCE');
        }
      }
      expect((await getUser(srv.url, u.uuid, u.token, '?raw=true')).body.data.userData).toStrictEqual(CHILD_OWN);
    });

    it('a cycle (A parent of B, then A with parent B) → 400 PARENT_CONFIG_SELF_REFERENCE', async () => {
      const a = await createUser(srv.url, 'password of a', { ...MINIMAL_CONFIG, addonName: 'A' });
      const b = await createUser(srv.url, 'password of b', { ...MINIMAL_CONFIG, addonName: 'B', parentConfig: { uuid: a.uuid, password: a.password } });
      const res = await putUser(srv.url, a.uuid, a.token, { ...MINIMAL_CONFIG, addonName: 'A2', parentConfig: { uuid: b.uuid, password: b.password } });
      expectError(res, 400, 'PARENT_CONFIG_SELF_REFERENCE', /cycle/);
      expect((await getUser(srv.url, a.uuid, a.token)).body.data.userData).toStrictEqual({ ...MINIMAL_CONFIG, addonName: 'A' });
      // B still merges A.
      expect((await getUser(srv.url, b.uuid, b.token)).body.data.userData.addonName).toBe('A');
    });

    it('an unknown parent → 400 PARENT_CONFIG_UNAVAILABLE on POST and PUT', async () => {
      const parentConfig = { uuid: crypto.randomUUID(), password: 'whatever password' };
      const post = await call(srv.url, 'POST', '/api/v1/user', { body: { config: { ...MINIMAL_CONFIG, parentConfig }, password: 'child password' } });
      expectError(post, 400, 'PARENT_CONFIG_UNAVAILABLE');
      const u = await createUser(srv.url, 'orphan password', MINIMAL_CONFIG);
      expectError(await putUser(srv.url, u.uuid, u.token, { ...MINIMAL_CONFIG, parentConfig }), 400, 'PARENT_CONFIG_UNAVAILABLE');
      expect((await getUser(srv.url, u.uuid, u.token)).body.data.userData).toStrictEqual(MINIMAL_CONFIG);
    });

    it('a wrong parent password → 400 PARENT_CONFIG_UNAVAILABLE, the same answer as an unknown parent', async () => {
      const wrong = await call(srv.url, 'POST', '/api/v1/user', {
        body: { config: { ...MINIMAL_CONFIG, parentConfig: { uuid: parent.uuid, password: 'not the parent password' } }, password: 'child password' },
      });
      expectError(wrong, 400, 'PARENT_CONFIG_UNAVAILABLE');
      const unknown = await call(srv.url, 'POST', '/api/v1/user', {
        body: { config: { ...MINIMAL_CONFIG, parentConfig: { uuid: crypto.randomUUID(), password: 'not the parent password' } }, password: 'child password' },
      });
      expect(unknown.status).toBe(wrong.status);
      expect(unknown.text).toBe(wrong.text);
    });

    it('a malformed parentConfig → 400 USER_INVALID_CONFIG naming the field', async () => {
      for (const [parentConfig, field] of [
        [{ uuid: 'not-a-uuid', password: 'x' }, 'parentConfig.uuid'],
        [{ uuid: parent.uuid }, 'parentConfig.password'],
        [{ uuid: parent.uuid, password: parent.password, mergeStrategies: { presets: 'merge' } }, 'parentConfig.mergeStrategies.presets'],
        [{ uuid: parent.uuid, password: parent.password, mergeStrategies: { formatter: 'extend' } }, 'parentConfig.mergeStrategies.formatter'],
      ] as const) {
        const res = await call(srv.url, 'POST', '/api/v1/user', { body: { config: { ...MINIMAL_CONFIG, parentConfig }, password: 'child password' } });
        expectError(res, 400, 'USER_INVALID_CONFIG');
        expect((res.body.error!.issues as { path: string }[]).map((i) => i.path)).toContain(field);
      }
    });
  });

  describe('a parent that goes away later', () => {
    it('deleted: GET answers the child alone', async () => {
      const p = await createUser(srv.url, 'doomed parent', { ...MINIMAL_CONFIG, formatter: { id: 'torrentio' }, addonName: 'Doomed' });
      const config = { ...MINIMAL_CONFIG, addonName: 'Survivor', parentConfig: { uuid: p.uuid, password: p.password } };
      const child = await createUser(srv.url, 'survivor password', config);
      expect((await getUser(srv.url, child.uuid, child.token)).body.data.userData.addonName).toBe('Doomed');

      expectOk(await call(srv.url, 'DELETE', '/api/v1/user', { headers: { authorization: basic(p.uuid, p.token) } }), 200, 'User deleted successfully');

      const got = expectOk(await getUser(srv.url, child.uuid, child.password), 200, 'User details retrieved successfully');
      expect(got.userData).toStrictEqual(config);
      expect(expectOk(await getUser(srv.url, child.uuid, child.token, '?raw=true'), 200, 'User details retrieved successfully').userData).toStrictEqual(config);
      // The child can still be written (the stored parent reference is the child's business).
      const next = { ...config, addonName: 'Survivor 2' };
      expectError(await putUser(srv.url, child.uuid, child.token, next), 400, 'PARENT_CONFIG_UNAVAILABLE');
      const { parentConfig: _dropped, ...withoutParent } = next;
      expectOk(await putUser(srv.url, child.uuid, child.token, withoutParent), 200, 'User updated successfully');
    });

    it('password changed: GET answers the child alone', async () => {
      const p = await createUser(srv.url, 'moving parent', { ...MINIMAL_CONFIG, addonName: 'Moving' });
      const config = { ...MINIMAL_CONFIG, addonName: 'Left behind', parentConfig: { uuid: p.uuid, password: p.password } };
      const child = await createUser(srv.url, 'left password', config);
      expectOk(
        await call(srv.url, 'POST', '/api/v1/user/password', { headers: { authorization: basic(p.uuid, p.password) }, body: { newPassword: 'moved parent' } }),
        200,
        'Password changed successfully',
      );
      expect(expectOk(await getUser(srv.url, child.uuid, child.token), 200, 'User details retrieved successfully').userData).toStrictEqual(config);
    });
  });
});
