import type { NextFunction, Request, Response } from 'express';
import jwt from 'jsonwebtoken';
import { Passport } from 'passport';
import { ExtractJwt, Strategy as JwtStrategy } from 'passport-jwt';
import { Strategy as LocalStrategy } from 'passport-local';
import type { ServerSettings } from '../config/server-settings.js';
import { HttpError, unauthorized } from '../app/http-error.js';
import { normalizeEmail } from './normalize-email.js';
import type { PasswordHasher } from './password-hasher.js';
import { JWT_ALGORITHM } from './token-service.js';
import type { AuthenticatedUser, UserStore } from './user-store.js';
import type { UserAccount } from '../persistence/user-account-entity.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Why a token was refused (said in the 401 message; never which part of a login was wrong). */
class TokenRefusal extends Error {}

export interface Authenticator {
  /** Guard: 401 unless a valid, unexpired, unrevoked HS256 bearer token is sent; sets `res.locals.user`. */
  requireUser(request: Request, response: Response, next: NextFunction): void;
  /** passport-local on `{ email, password }`: the user, or null for an unknown email or a wrong password alike. */
  checkCredentials(request: Request, response: Response): Promise<UserAccount | null>;
}

/**
 * One Passport instance per app (no global state): `local` for login, `jwt` as the guard.
 * Tokens: HS256 only, `exp` required (jsonwebtoken accepts tokens without one), issuer checked,
 * and the `ver` claim must equal the user's current token version (logout and password change bump it).
 */
export function createAuthenticator(options: {
  users: UserStore;
  /** The per-request version check; default: a database read per request. */
  tokenVersions?: { get(userId: string): Promise<AuthenticatedUser | null> };
  hasher: PasswordHasher;
  settings: ServerSettings['jwt'];
}): Authenticator {
  const { users, hasher, settings } = options;
  const tokenVersions = options.tokenVersions ?? { get: (userId: string) => users.findForToken(userId) };
  const passport = new Passport();

  passport.use(
    'local',
    new LocalStrategy(
      { usernameField: 'email', passwordField: 'password', session: false },
      (email, password, done) => {
        void (async () => {
          const user = await users.findByEmail(normalizeEmail(email));
          if (!user) return hasher.verifyAgainstNobody(password);
          return (await hasher.verify(user.passwordHash, password)) ? user : false;
        })().then(
          (user) => done(null, user),
          (error: unknown) => done(error),
        );
      },
    ),
  );

  passport.use(
    'jwt',
    new JwtStrategy(
      {
        jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
        secretOrKey: settings.secret as unknown as string,
        algorithms: [JWT_ALGORITHM],
        issuer: settings.issuer,
        ignoreExpiration: false,
      },
      (
        payload: Record<string, unknown>,
        done: (error: unknown, user?: AuthenticatedUser | false, info?: unknown) => void,
      ) => {
        if (typeof payload.exp !== 'number')
          return done(null, false, new TokenRefusal('The token has no expiry (exp)'));
        if (typeof payload.sub !== 'string' || typeof payload.ver !== 'number')
          return done(null, false, new TokenRefusal('The token lacks its subject or version'));
        // Signed by us yet not a user id (e.g. a key shared with another service): refused before any database read.
        if (!UUID.test(payload.sub)) return done(null, false, new TokenRefusal('The token subject is not a user id'));
        const version = payload.ver;
        tokenVersions.get(payload.sub).then(
          (user) => {
            if (!user) return done(null, false, new TokenRefusal('The token belongs to no user'));
            if (user.disabled)
              return done(null, false, new TokenRefusal('This account is disabled; contact the operator'));
            if (user.tokenVersion !== version)
              return done(null, false, new TokenRefusal('The token was revoked; log in again'));
            done(null, user);
          },
          (error: unknown) => done(error),
        );
      },
    ),
  );

  return {
    requireUser(request, response, next) {
      passport.authenticate(
        'jwt',
        { session: false },
        (error: unknown, user: AuthenticatedUser | false, info: unknown) => {
          if (error) return next(error);
          if (!user) return next(unauthorized(describeRefusal(info, request)));
          response.locals.user = user;
          next();
        },
      )(request, response, next);
    },
    checkCredentials(request, response) {
      return new Promise((resolve, reject) => {
        passport.authenticate('local', { session: false }, (error: unknown, user: UserAccount | false) => {
          if (error) reject(error);
          else resolve(user || null);
        })(request, response, (error?: unknown) => (error ? reject(error) : resolve(null)));
      });
    },
  };
}

function describeRefusal(info: unknown, request: Request): string {
  if (!request.get('authorization')) return 'Authentication required: send "Authorization: Bearer <token>"';
  if (info instanceof TokenRefusal) return info.message;
  if (info instanceof jwt.TokenExpiredError) return 'The token has expired; log in again';
  if (info instanceof jwt.NotBeforeError) return 'The token is not valid yet';
  return 'The token is invalid';
}

/** The user set by `requireUser`. */
export function currentUser(response: Response): AuthenticatedUser {
  const user = response.locals.user as AuthenticatedUser | undefined;
  if (!user) throw new HttpError(500, 'internal', 'Route used without the authentication guard');
  return user;
}
