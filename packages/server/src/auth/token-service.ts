import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { ServerSettings } from '../config/server-settings.js';

/** The only algorithm we sign with and accept. */
export const JWT_ALGORITHM = 'HS256';

/** Claims of our access tokens. `ver` is the user's token version when issued. */
export interface AccessTokenClaims {
  sub: string;
  ver: number;
  jti: string;
  iat: number;
  exp: number;
  iss: string;
}

export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

/** Signs access tokens (HS256, KeyObject secret, `exp` always set). Verification is passport-jwt's. */
export class TokenService {
  constructor(private readonly settings: ServerSettings['jwt']) {}

  issue(user: { id: string; tokenVersion: number }): IssuedToken {
    const token = jwt.sign({ ver: user.tokenVersion }, this.settings.secret, {
      algorithm: JWT_ALGORITHM,
      subject: user.id,
      issuer: this.settings.issuer,
      expiresIn: this.settings.lifetimeSeconds,
      jwtid: randomUUID(),
    });
    const { exp } = jwt.decode(token) as AccessTokenClaims;
    return { token, expiresAt: new Date(exp * 1000) };
  }
}
