import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { HttpError } from '../app/http-error.js';
import type { Authenticator } from '../auth/authenticator.js';
import type { AuthenticatedUser } from '../auth/user-store.js';
import type { AdminUserDirectory } from './admin-user-directory.js';

/** The 404 every non-admin gets, whatever the route and whether the record exists. */
function hidden(request: Request): HttpError {
  return new HttpError(404, 'not-found', `${request.originalUrl.split('?')[0]} was not found`);
}

/**
 * Guard of `/api/v1/admin`: an authenticated, enabled user whose role is `admin` (or whose email is in
 * LOOPLY_ADMIN_EMAILS). Everyone else — anonymous, bad token, disabled, plain user — gets one and the
 * same 404, before any lookup: a non-admin learns neither that they lack a right nor which ids exist.
 */
export function createAdminGuard(authenticator: Authenticator, directory: AdminUserDirectory): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    authenticator.requireUser(request, response, (error?: unknown) => {
      if (error instanceof HttpError && error.status === 401) return next(hidden(request));
      if (error) return next(error);
      const user = response.locals.user as AuthenticatedUser | undefined;
      if (!user || user.disabled || !directory.isAdmin(user)) return next(hidden(request));
      next();
    });
  };
}
