import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type Logger from 'bunyan';

/** A client-sent request id is kept only when it is short and plain (it ends up in logs and headers). */
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export interface RequestContextLocals {
  requestId: string;
  log: Logger;
}

/**
 * Gives each request an id (the client's `X-Request-Id` when well-formed, else a UUID), returns it in
 * `X-Request-Id`, and a child logger carrying it; logs one line per response.
 */
export function requestContext(logger: Logger) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const offered = request.get('x-request-id');
    const requestId = offered && CLIENT_REQUEST_ID.test(offered) ? offered : randomUUID();
    const log = logger.child({ requestId }, true);
    response.locals.requestId = requestId;
    response.locals.log = log;
    response.setHeader('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      if (!log.info()) return;
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      // The path only: query strings may carry things that do not belong in logs.
      log.info({ method: request.method, path: request.path, status: response.statusCode, durationMs }, 'request');
    });
    next();
  };
}

export function requestLogger(response: Response): Logger {
  return response.locals.log as Logger;
}
