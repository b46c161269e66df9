import type { z } from 'zod';
import type { ComponentName, REQUEST_SCHEMAS } from './api-components.js';

export interface ApiResponse {
  description: string;
  schema?: ComponentName;
  /** Non-JSON content, e.g. `text/event-stream` or `video/mp4`. */
  mediaType?: string;
  headers?: string[];
}

/** One documented route. The routers use the same zod schemas, so the document cannot drift from validation. */
export interface ApiRoute {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  tag: string;
  auth: boolean;
  body?: keyof typeof REQUEST_SCHEMAS;
  /** Raw (non-JSON) body, for webhooks. */
  rawBody?: boolean;
  query?: z.ZodObject;
  pathParameters?: Array<{ name: string; description: string; format?: string }>;
  headerParameters?: Array<{ name: string; description: string }>;
  responses: Record<number, ApiResponse>;
}

/** An error answer (the `{ error }` body). */
export const ERROR = (description: string): ApiResponse => ({ description, schema: 'Error' });
/** What every authenticated route may answer. */
export const COMMON_AUTH_ERRORS = {
  401: ERROR('Missing, invalid, expired or revoked token'),
  429: ERROR('Rate limited (see Retry-After)'),
};
