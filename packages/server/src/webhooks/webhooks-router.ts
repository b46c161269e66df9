import { LooplyError, ProviderError, type Engine } from '@looply/core';
import express, { Router } from 'express';
import { z } from 'zod';
import { HttpError } from '../app/http-error.js';
import { requestLogger } from '../app/request-context.js';
import type { ServerDatabase } from '../persistence/server-database.js';
import { WEBHOOK_HEADERS } from './standard-webhooks.js';
import { WebhookVerificationError } from './webhook-verification-error.js';

const providerParamsSchema = z.object({ provider: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/) });
/** How long handled delivery ids are remembered (longer than any sender's retry horizon). */
const DEDUPE_RETENTION = '14 days';

function isSignatureFailure(error: unknown): boolean {
  return (
    error instanceof WebhookVerificationError ||
    ProviderError.isInstance(error) ||
    (error as Error)?.name === 'WebhookVerificationError'
  );
}

/**
 * `POST /webhooks/:provider`: the raw body (never parsed: signatures cover exact bytes), headers and
 * query go to the provider's `parseWebhook` through the engine. A bad signature is a 401, an unknown
 * provider a 404, an oversized body a 413. A delivery whose `webhook-id` was already handled answers
 * 200 and changes nothing (the engine is replay-safe too).
 */
export function createWebhooksRouter(dependencies: {
  engine: Engine;
  database: ServerDatabase;
  bodyLimitBytes: number;
}): Router {
  const { engine, database, bodyLimitBytes } = dependencies;
  const router = Router();
  // Mounted before any JSON parser: this route must see the bytes as sent.
  router.post('/:provider', express.raw({ type: () => true, limit: bodyLimitBytes }), async (request, response) => {
    const params = providerParamsSchema.safeParse(request.params);
    if (!params.success)
      throw new HttpError(404, 'not-found', `No webhook receiver for provider "${String(request.params.provider)}"`);
    const provider = params.data.provider;
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const deliveryId = request.get(WEBHOOK_HEADERS.id);
    if (deliveryId) {
      const seen = await database.query(
        `select 1 from ${database.table('inbound_webhook')} where "provider" = $1 and "delivery_id" = $2`,
        [provider, deliveryId],
      );
      if (seen.rowCount > 0) {
        response.status(200).json({ accepted: true, duplicate: true });
        return;
      }
    }
    let result: { accepted: boolean };
    try {
      result = await engine.handleWebhook(provider, {
        headers: request.headers,
        body,
        query: Object.fromEntries(
          Object.entries(request.query).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
        ),
      });
    } catch (error) {
      if (error instanceof LooplyError && error.code === 'webhook-not-supported') {
        throw new HttpError(404, 'not-found', `No webhook receiver for provider "${provider}"`);
      }
      if (isSignatureFailure(error)) {
        requestLogger(response).warn({ provider, reason: (error as Error).message }, 'webhook rejected');
        throw new HttpError(401, 'invalid-signature', `Webhook rejected: ${(error as Error).message}`);
      }
      throw error;
    }
    if (deliveryId && result.accepted) {
      await database.query(
        `insert into ${database.table('inbound_webhook')} ("provider", "delivery_id") values ($1, $2) on conflict do nothing`,
        [provider, deliveryId],
      );
      void database
        .query(
          `delete from ${database.table('inbound_webhook')} where "received_at" < now() - interval '${DEDUPE_RETENTION}'`,
        )
        .catch(() => undefined);
    }
    response.status(200).json({ accepted: result.accepted });
  });
  return router;
}
