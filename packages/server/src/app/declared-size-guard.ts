import type { NextFunction, Request, Response } from 'express';
import { HttpError } from './http-error.js';

/**
 * Refuses a request whose declared `Content-Length` is over the largest body any route accepts, at
 * once (413) and closing the connection, instead of keeping it open while the body trickles in.
 */
export function declaredSizeGuard(maxBytes: number) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const declared = request.get('content-length');
    if (declared !== undefined && /^\d+$/.test(declared) && Number(declared) > maxBytes) {
      response.setHeader('Connection', 'close');
      next(
        new HttpError(
          413,
          'payload-too-large',
          `The declared body of ${declared} bytes is larger than the ${maxBytes} bytes any route accepts`,
        ),
      );
      return;
    }
    next();
  };
}
