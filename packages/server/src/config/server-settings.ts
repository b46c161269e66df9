import { KeyObject } from 'node:crypto';
import { z } from 'zod';

/** Smallest HMAC secret we accept (HS256 wants at least its 256-bit output size). */
export const MIN_JWT_SECRET_BYTES = 32;

const positiveInteger = z.number().int().positive();

const jwtSettingsSchema = z.strictObject({
  /** The HS256 key, as a KeyObject (verifying with a KeyObject is ~20× faster than with a string). */
  secret: z.custom<KeyObject>(
    (value) =>
      value instanceof KeyObject && value.type === 'secret' && (value.symmetricKeySize ?? 0) >= MIN_JWT_SECRET_BYTES,
    `must be a secret KeyObject of at least ${MIN_JWT_SECRET_BYTES} bytes (crypto.createSecretKey)`,
  ),
  /** Token lifetime. Default 7 days. */
  lifetimeSeconds: positiveInteger.default(7 * 24 * 3600),
  issuer: z.string().min(1).default('looply'),
});

const rateLimitSettingsSchema = z.strictObject({
  /** Requests per client per window on the whole API. */
  limit: positiveInteger.default(600),
  windowMs: positiveInteger.default(60_000),
  /** Requests per client per window on `/auth/register` and `/auth/login`. */
  authLimit: positiveInteger.default(20),
  authWindowMs: positiveInteger.default(15 * 60_000),
  /** Failed logins per account per window (whatever the client address). */
  loginFailureLimit: positiveInteger.default(10),
  loginFailureWindowMs: positiveInteger.default(15 * 60_000),
  /**
   * How often each process reconciles its in-memory global-limit counts with the shared table
   * (decision 0011): other processes' hits are seen at most this late.
   */
  flushIntervalMs: positiveInteger.max(60_000).default(1_000),
});

const quotaSettingsSchema = z.strictObject({
  /** Unfinished jobs a user may have at once. */
  concurrentJobs: positiveInteger.default(3),
  /** Videos a user may create per UTC day. */
  videosPerDay: positiveInteger.default(50),
  /** Seconds of video a user may request per UTC day. */
  secondsPerDay: positiveInteger.default(1800),
});

const callbackSettingsSchema = z.strictObject({
  /** Hosts, IP addresses or CIDR ranges that callbacks may reach although they are private (e.g. `127.0.0.1/32`). */
  allowlist: z.array(z.string().min(1)).default([]),
  /** Delivery attempts before a callback is given up. */
  maxAttempts: positiveInteger.max(30).default(8),
  /** First retry delay; doubles per attempt, with ±20 % jitter. */
  baseDelayMs: positiveInteger.default(5_000),
  /** Longest delay between attempts (a Retry-After asking for more is capped here). */
  maxDelayMs: positiveInteger.default(6 * 3600_000),
  /** Per-attempt timeout. */
  timeoutMs: positiveInteger.max(30_000).default(15_000),
  /** How often ended jobs whose callback was never queued (a process died at the wrong time) are looked for. */
  sweepIntervalMs: positiveInteger.default(30_000),
  /** pg-boss polling interval of the delivery worker. */
  pollIntervalSeconds: z.number().min(0.5).default(2),
});

/** Smallest METRICS_TOKEN: long enough that guessing it is hopeless. */
export const MIN_METRICS_TOKEN_LENGTH = 16;

const metricsSettingsSchema = z.strictObject({
  /** Bearer token for `GET /metrics` on the API port; without it the API port serves no metrics. */
  token: z.string().min(MIN_METRICS_TOKEN_LENGTH, `must be at least ${MIN_METRICS_TOKEN_LENGTH} characters`).optional(),
  /** A port of its own for `GET /metrics` (the token is asked there too when set). */
  port: z.number().int().min(0).max(65_535).optional(),
});

/** Everything `createApp` and the server runtime are configured with. Validated once at start. */
export const serverSettingsSchema = z.strictObject({
  /** Base of the URLs we hand out (`videoUrl`, callback payloads). */
  publicBaseUrl: z.url({ protocol: /^https?$/ }),
  /** Postgres schema of the server's tables; its callback queue lives in `<schema>_boss`. */
  schema: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,39}$/, 'must be a lower-case Postgres identifier of at most 40 characters')
    .default('looply_server'),
  /** Postgres schema of the engine's tables (its queue is `<schema>_boss`), for the health check. */
  engineSchema: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,39}$/, 'must be a lower-case Postgres identifier of at most 40 characters')
    .default('looply'),
  jwt: jwtSettingsSchema,
  rateLimits: rateLimitSettingsSchema.default(rateLimitSettingsSchema.parse({})),
  quotas: quotaSettingsSchema.default(quotaSettingsSchema.parse({})),
  callbacks: callbackSettingsSchema.default(callbackSettingsSchema.parse({})),
  metrics: metricsSettingsSchema.default({}),
  /** Largest JSON body (bytes). */
  jsonBodyLimitBytes: positiveInteger.default(100_000),
  /** Largest provider webhook body (bytes). */
  webhookBodyLimitBytes: positiveInteger.default(1_048_576),
  /** Reverse proxies in front of us whose X-Forwarded-For we trust (0: none; never "all"). */
  trustProxyHops: z.number().int().min(0).max(10).default(0),
  /** Comment lines sent on idle event streams so proxies keep them open. */
  eventStreamHeartbeatMs: positiveInteger.default(15_000),
  /** How long a health answer is reused (so probes do not load the database). */
  healthCacheMs: z.number().int().min(0).default(1_000),
  /**
   * How long `GET /videos/:id` may reuse a job it read (every job event drops it at once; this only bounds
   * a missed notification). 0 disables the cache.
   */
  jobCacheMs: z.number().int().min(0).default(1_000),
  /** Same, for finished jobs (they change only by deletion). */
  finishedJobCacheMs: z.number().int().min(0).default(10_000),
  /**
   * How long a user's token version may be reused between revocations (revocations reach every process
   * at once by NOTIFY; this bounds a missed one). 0 reads it from the database on every request.
   */
  tokenCheckCacheMs: z.number().int().min(0).default(10_000),
  /** Emails (normalised) that are operators whatever their stored role (LOOPLY_ADMIN_EMAILS); no one is an admin implicitly. */
  adminEmails: z.array(z.string().trim().toLowerCase().pipe(z.email())).default([]),
  /** Folder of the built studio (`@looply/web` dist) served at `/`; null serves none. Default: found next to the server. */
  studioRoot: z.string().min(1).nullable().optional(),
  /** How long an Idempotency-Key is remembered. */
  idempotencyTtlMs: positiveInteger.default(24 * 3600_000),
  /**
   * Browser origins allowed to call the API cross-origin (exact `scheme://host[:port]`). Empty (the
   * default): no CORS headers at all, so browsers keep other sites' pages out.
   */
  corsOrigins: z.array(z.url({ protocol: /^https?$/ }).transform((origin) => new URL(origin).origin)).default([]),
  /** Longest time a client may take to send a whole request (headers and body); slower ones are cut. */
  requestTimeoutMs: positiveInteger.default(30_000),
  /** Longest time a client may take to send the request headers. */
  headersTimeoutMs: positiveInteger.default(20_000),
});

export type ServerSettingsInput = z.input<typeof serverSettingsSchema>;
export type ServerSettings = z.output<typeof serverSettingsSchema>;
