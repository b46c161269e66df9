import { briefSchema, type BriefInput, type Engine, type JobView } from '@looply/core';
import type { ServerSettings } from '../config/server-settings.js';
import { HttpError } from '../app/http-error.js';
import { subscribeToCallback } from '../callbacks/callback-subscriptions.js';
import { CallbackUrlRefusedError, type CallbackUrlPolicy } from '../callbacks/callback-url-policy.js';
import type { ServerDatabase } from '../persistence/server-database.js';
import type { UserAccount } from '../persistence/user-account-entity.js';
import { hashBody } from './canonical-json.js';
import type { UserTemplateStore } from '../templates/user-template-store.js';
import type { QuotaChecker } from './quota-checker.js';
import type { VideoRequest } from './video-schemas.js';

export interface CreateVideoInput {
  user: UserAccount;
  /** The validated request body: only the fields the client sent, in their validated (normalised) form. */
  body: VideoRequest;
  idempotencyKey?: string;
  requestId: string;
}

export interface CreateVideoResult {
  job: JobView;
  /** True when an earlier request with the same Idempotency-Key made this job. */
  replayed: boolean;
}

/** Brief fields the caller's profile fills when the request (and its template) leave them out. */
function withProfileDefaults(body: BriefInput, user: UserAccount): BriefInput {
  return {
    ...(user.defaultLanguage ? { language: user.defaultLanguage } : {}),
    ...(user.defaultVoice ? { voice: user.defaultVoice } : {}),
    ...(user.defaultStyle ? { style: user.defaultStyle } : {}),
    ...(user.defaultAspectRatio ? { aspectRatio: user.defaultAspectRatio } : {}),
    ...body,
  };
}

/**
 * `POST /videos`: callback and music URLs checked (SSRF), then under a per-user lock: the
 * Idempotency-Key (same key and body → the same job; another body → 422), the quotas, the submit,
 * and the usage, key and callback records.
 */
export class VideoCreator {
  constructor(
    private readonly dependencies: {
      database: ServerDatabase;
      engine: Engine;
      quotas: QuotaChecker;
      policy: CallbackUrlPolicy;
      settings: Pick<ServerSettings, 'idempotencyTtlMs'>;
      templates: UserTemplateStore;
    },
  ) {}

  async create(input: CreateVideoInput): Promise<CreateVideoResult> {
    const { database, engine, quotas, policy, settings, templates } = this.dependencies;
    const { user, body, idempotencyKey } = input;
    await this.checkUrl('callbackUrl', body.callbackUrl, policy);
    await this.checkUrl('music.source', body.music?.source, policy);
    // The brief's own fields win, then its template's presets, then the caller's profile.
    const brief = withProfileDefaults(await templates.resolveBrief(user.id, body), user);
    const durationSec = briefSchema.parse(brief).durationSec;
    const bodyHash = hashBody(body);
    return database.transaction(async (transaction) => {
      // One creation at a time per user: quotas and keys are then checked against settled counts.
      await transaction.query('select pg_advisory_xact_lock(hashtext($1))', [`looply-server:create-video:${user.id}`]);
      if (idempotencyKey) {
        const { rows } = await transaction.query<{ body_hash: string; job_id: string }>(
          `select "body_hash", "job_id" from ${database.table('idempotency_record')}
            where "owner_id" = $1 and "key" = $2 and "created_at" > now() - $3 * interval '1 millisecond'`,
          [user.id, idempotencyKey, settings.idempotencyTtlMs],
        );
        const record = rows[0];
        if (record && record.body_hash !== bodyHash) {
          throw new HttpError(
            422,
            'idempotency-key-reused',
            `Idempotency-Key "${idempotencyKey}" was already used with a different request body`,
          );
        }
        const existing = record ? await engine.get(record.job_id) : null;
        if (existing) return { job: existing, replayed: true };
      }
      await quotas.check(transaction, user.id, durationSec);
      const job = await engine.submit(brief, {
        ownerId: user.id,
        ...(idempotencyKey ? { idempotencyKey } : {}),
        metadata: { requestId: input.requestId },
      });
      await quotas.record(transaction, user.id, job.id, durationSec);
      if (idempotencyKey) {
        await transaction.query(
          `insert into ${database.table('idempotency_record')} ("owner_id", "key", "body_hash", "job_id") values ($1, $2, $3, $4)
             on conflict ("owner_id", "key") do update set "body_hash" = excluded."body_hash", "job_id" = excluded."job_id", "created_at" = now()`,
          [user.id, idempotencyKey, bodyHash, job.id],
        );
      }
      if (body.callbackUrl)
        await subscribeToCallback(database, transaction, { jobId: job.id, ownerId: user.id, url: body.callbackUrl });
      return { job, replayed: false };
    });
  }

  private async checkUrl(field: string, url: string | undefined, policy: CallbackUrlPolicy): Promise<void> {
    if (url === undefined) return;
    try {
      await policy.check(url);
    } catch (error) {
      if (error instanceof CallbackUrlRefusedError) {
        throw new HttpError(
          400,
          'validation',
          `Invalid request body: ${field}: ${error.message.replace(/^callbackUrl /, '')}`,
          [{ path: field.split('.'), message: error.message }],
        );
      }
      throw error;
    }
  }
}
