import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from '../errors.js';
import { looksLikeToken } from '../crypto/token.js';
import { requireSession } from '../http/auth.js';
import { parseBasicAuth } from '../http/basic-auth.js';
import { ok } from '../http/envelope.js';
import { etagOf, parseIfMatch } from '../http/etag.js';
import type { ConfigService } from '../users/config-service.js';
import type { UserService } from '../users/user-service.js';
import { changePasswordBody, createUserBody, parseBody, updateUserBody } from './user-api-schemas.js';

export interface UserApiDeps {
  users: UserService;
  configs: ConfigService;
  /** USER_API_ACCEPT_TOKEN: whether the encryptedPassword token opens the User API. */
  acceptToken: boolean;
}

const json = (reply: FastifyReply) => reply.type('application/json; charset=utf-8').header('cache-control', 'no-store');

/** /api/v1/user: the programmatic twin of Save & Install. Handlers only parse, call, and answer. */
export async function userApiRoutes(app: FastifyInstance, deps: UserApiDeps): Promise<void> {
  const { users, configs, acceptToken } = deps;

  app.head('/', async (request, reply) => {
    const { uuid } = request.query as { uuid?: unknown };
    if (typeof uuid !== 'string' || !uuid) throw new AppError('MISSING_REQUIRED_FIELDS', 'Missing required query parameter: uuid');
    const found = await users.exists(uuid);
    if (!found) throw new AppError('NOT_FOUND', 'User not found');
    return json(reply).send(ok('User exists', { uuid: found }));
  });

  app.get('/', async (request, reply) => {
    const session = await requireSession(request, users, acceptToken);
    const { raw } = request.query as { raw?: unknown };
    const stored = await configs.read(session, raw === 'true' || raw === '1');
    return json(reply)
      .header('etag', etagOf(stored.version))
      .send(ok('User details retrieved successfully', { userData: stored.config, encryptedPassword: users.tokenFor(session) }));
  });

  app.post('/', async (request, reply) => {
    const body = parseBody(createUserBody, request.body);
    const config = await configs.prepareForWrite(body.config, null);
    const { uuid, token } = await users.create(config, body.password);
    return json(reply)
      .code(201)
      .header('etag', etagOf(1))
      .send(ok('User was successfully created', { uuid, encryptedPassword: token }));
  });

  app.put('/', async (request, reply) => {
    const session = await requireSession(request, users, acceptToken);
    const expected = parseIfMatch(request.headers['if-match']);
    const body = parseBody(updateUserBody, request.body);
    const config = await configs.prepareForWrite(body.config, session.uuid);
    const stored = await users.update(session, config, expected);
    return json(reply)
      .header('etag', etagOf(stored.version))
      .send(ok('User updated successfully', { uuid: session.uuid, userData: stored.config }));
  });

  app.delete('/', async (request, reply) => {
    const session = await requireSession(request, users, acceptToken);
    await users.delete(session);
    return json(reply).send(ok('User deleted successfully', null));
  });

  app.post('/password', async (request, reply) => {
    // The current password itself, never the token: a leaked install URL must not be enough to
    // lock the owner out.
    if (looksLikeToken(parseBasicAuth(request.headers.authorization).password)) {
      throw new AppError('USER_INVALID_DETAILS', 'Changing the password needs the current password, not the encryptedPassword token');
    }
    const session = await requireSession(request, users, false);
    const body = parseBody(changePasswordBody, request.body);
    const token = await users.changePassword(session, body.newPassword);
    return json(reply).send(ok('Password changed successfully', { encryptedPassword: token }));
  });
}
