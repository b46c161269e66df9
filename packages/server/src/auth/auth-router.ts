import { Router, type RequestHandler } from 'express';
import { HttpError } from '../app/http-error.js';
import { parseBody } from '../app/validate.js';
import { currentUser, type Authenticator } from './authenticator.js';
import { changePasswordBodySchema, loginBodySchema, registerBodySchema, toUserResponse } from './auth-schemas.js';
import type { KnownLoginClients } from './known-login-clients.js';
import { normalizeEmail } from './normalize-email.js';
import type { PasswordHasher } from './password-hasher.js';
import type { TokenService } from './token-service.js';
import type { UserStore } from './user-store.js';

export interface AuthRouterDependencies {
  users: UserStore;
  hasher: PasswordHasher;
  tokens: TokenService;
  authenticator: Authenticator;
  limits: { auth: RequestHandler; loginFailures: RequestHandler; passwordFailures: RequestHandler };
  knownClients: KnownLoginClients;
}

const INVALID_CREDENTIALS = () => new HttpError(401, 'invalid-credentials', 'Email or password is incorrect');

/** `/auth`: register, login (passport-local → JWT), me, logout (revokes), password change (revokes). */
export function createAuthRouter(dependencies: AuthRouterDependencies): Router {
  const { users, hasher, tokens, authenticator, limits, knownClients } = dependencies;
  const router = Router();
  const guard = authenticator.requireUser.bind(authenticator);

  router.post('/register', limits.auth, async (request, response) => {
    const body = parseBody(registerBodySchema, request);
    const user = await users.create(normalizeEmail(body.email), await hasher.hash(body.password));
    if (!user) throw new HttpError(409, 'email-taken', 'An account with this email already exists; log in instead');
    response.status(201).json({ user: toUserResponse(user) });
  });

  router.post('/login', limits.auth, limits.loginFailures, async (request, response) => {
    parseBody(loginBodySchema, request);
    const user = await authenticator.checkCredentials(request, response);
    if (!user) throw INVALID_CREDENTIALS();
    // Said only after the password was verified: no oracle on which accounts are disabled.
    if (user.disabledAt) throw new HttpError(403, 'account-disabled', 'This account is disabled; contact the operator');
    await knownClients.remember(user.id, request.ip);
    const issued = tokens.issue(user);
    response.json({
      token: issued.token,
      tokenType: 'Bearer',
      expiresAt: issued.expiresAt.toISOString(),
      user: toUserResponse(user),
    });
  });

  router.get('/me', guard, async (_request, response) => {
    const user = await users.findById(currentUser(response).id);
    if (!user) throw INVALID_CREDENTIALS();
    response.json({ user: toUserResponse(user) });
  });

  router.post('/logout', guard, async (_request, response) => {
    await users.revokeTokens(currentUser(response).id);
    response.status(204).end();
  });

  router.post('/password', guard, limits.passwordFailures, async (request, response) => {
    const body = parseBody(changePasswordBodySchema, request);
    const user = await users.findById(currentUser(response).id);
    if (!user || !(await hasher.verify(user.passwordHash, body.currentPassword))) {
      throw new HttpError(401, 'invalid-credentials', 'The current password is incorrect');
    }
    const version = await users.changePassword(user.id, await hasher.hash(body.newPassword));
    if (version === null) throw INVALID_CREDENTIALS();
    const issued = tokens.issue({ id: user.id, tokenVersion: version });
    response.json({
      token: issued.token,
      tokenType: 'Bearer',
      expiresAt: issued.expiresAt.toISOString(),
      user: toUserResponse(user),
    });
  });

  return router;
}
