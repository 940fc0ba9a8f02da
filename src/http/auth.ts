import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import type { Session, UserService } from '../users/user-service.js';
import { parseBasicAuth } from './basic-auth.js';

/** The session of a Basic-authenticated request, or the same 401 for an unknown uuid and a wrong secret. */
export async function requireSession(request: FastifyRequest, users: UserService, allowToken: boolean): Promise<Session> {
  const { username, password } = parseBasicAuth(request.headers.authorization);
  const session = await users.authenticate(username, password, { allowToken });
  if (!session) throw new AppError('USER_INVALID_DETAILS', 'Invalid UUID or password');
  return session;
}
