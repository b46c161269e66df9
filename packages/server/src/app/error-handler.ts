import type { NextFunction, Request, Response } from 'express';
import { errorBody } from './error-body.js';
import { toHttpError } from './error-converter.js';
import { requestLogger } from './request-context.js';

/** Writes `{ error: { code, message, details? } }` with the error's status and headers; 5xx are logged with the cause. */
export function errorHandler(error: unknown, request: Request, response: Response, next: NextFunction): void {
  const httpError = toHttpError(error);
  const log = requestLogger(response);
  if (request.socket.destroyed) {
    // The client is gone (e.g. it gave up during a shutdown): nobody reads the answer.
    log.debug({ err: error }, 'request failed after the client left');
    return;
  }
  if (httpError.status >= 500) log.error({ err: response.locals.originalError ?? error }, 'request failed');
  else log.debug({ code: httpError.code, status: httpError.status }, httpError.message);
  if (response.headersSent) {
    // A stream was already under way: all we can do is cut it.
    next(error);
    return;
  }
  // A failed file download may have set its own headers already.
  response.removeHeader('Content-Disposition');
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  for (const [name, value] of Object.entries(httpError.headers)) response.setHeader(name, value);
  response.status(httpError.status).json(errorBody(httpError.code, httpError.message, httpError.details));
}
