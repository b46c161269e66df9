import { createSecretKey, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { resolveJwtSecret } from './jwt-secret.js';
import { ServerConfigError } from './server-config-error.js';
import { MIN_METRICS_TOKEN_LENGTH, serverSettingsSchema, type ServerSettings } from './server-settings.js';

const unsetWhenEmpty = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optional = <S extends z.ZodType>(schema: S) => z.preprocess(unsetWhenEmpty, schema.optional());
const count = z.coerce.number().int('must be a whole number').positive('must be positive');

/** The server's environment variables (unknown variables are ignored: it is the whole environment). */
export const serverEnvironmentSchema = z.object({
  NODE_ENV: optional(z.string()),
  PORT: z.preprocess(unsetWhenEmpty, z.coerce.number().int('must be a port number').min(0).max(65_535).default(3000)),
  HOST: z.preprocess(unsetWhenEmpty, z.string().min(1).default('0.0.0.0')),
  PUBLIC_BASE_URL: optional(z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' })),
  JWT_SECRET: optional(z.string()),
  JWT_LIFETIME_SECONDS: optional(count),
  LOOPLY_SERVER_SCHEMA: optional(z.string()),
  LOOPLY_RATE_LIMIT_PER_MINUTE: optional(count),
  LOOPLY_AUTH_RATE_LIMIT: optional(count),
  LOOPLY_LOGIN_FAILURE_LIMIT: optional(count),
  LOOPLY_QUOTA_CONCURRENT_JOBS: optional(count),
  LOOPLY_QUOTA_VIDEOS_PER_DAY: optional(count),
  LOOPLY_QUOTA_SECONDS_PER_DAY: optional(count),
  LOOPLY_CALLBACK_ALLOWLIST: optional(z.string()),
  LOOPLY_CALLBACK_MAX_ATTEMPTS: optional(count),
  LOOPLY_CALLBACK_BASE_DELAY_MS: optional(count),
  LOOPLY_ADMIN_EMAILS: optional(z.string()),
  TRUST_PROXY_HOPS: optional(z.coerce.number().int().min(0).max(10)),
  /** Comma-separated browser origins allowed cross-origin (CORS); unset: none. */
  LOOPLY_CORS_ORIGINS: optional(z.string()),
  METRICS_TOKEN: optional(
    z.string().min(MIN_METRICS_TOKEN_LENGTH, `must be at least ${MIN_METRICS_TOKEN_LENGTH} characters`),
  ),
  METRICS_PORT: optional(z.coerce.number().int('must be a port number').min(0).max(65_535)),
});

export interface ServerEnvironment {
  settings: ServerSettings;
  port: number;
  host: string;
  /** Where the JWT key came from (never the key itself). */
  jwtSecretSource: 'environment' | 'generated' | 'file';
}

function defined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}

/**
 * Reads the server settings from the environment (the CLI's settings, see its README, plus the server's own variables). `home`
 * is `$LOOPLY_HOME`, where a generated JWT secret is kept outside production. Throws a `ServerConfigError`
 * naming the variable.
 */
export async function loadServerEnvironment(
  environment: Record<string, string | undefined>,
  options: {
    home: string;
    port?: number;
    /** False for processes that never sign or check tokens (`looply worker`): no secret is then required or generated. */
    requireJwtSecret?: boolean;
  },
): Promise<ServerEnvironment> {
  const parsed = serverEnvironmentSchema.safeParse(environment);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0] ?? '(environment)');
    const shown =
      name === 'JWT_SECRET' || name === 'METRICS_TOKEN' || environment[name] === undefined
        ? ''
        : `="${environment[name]}"`;
    throw new ServerConfigError(name, `invalid environment variable ${name}${shown}: ${issue.message}`);
  }
  const env = parsed.data;
  const port = options.port ?? env.PORT;
  const jwt =
    options.requireJwtSecret === false && !env.JWT_SECRET
      ? { key: createSecretKey(randomBytes(32)), source: 'generated' as const }
      : await resolveJwtSecret({
          configured: env.JWT_SECRET,
          home: options.home,
          production: env.NODE_ENV === 'production',
        });
  const allowlist = env.LOOPLY_CALLBACK_ALLOWLIST?.split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const corsOrigins = env.LOOPLY_CORS_ORIGINS?.split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const adminEmails = env.LOOPLY_ADMIN_EMAILS?.split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const candidate = {
    publicBaseUrl: env.PUBLIC_BASE_URL ?? `http://localhost:${port}`,
    ...defined({ schema: env.LOOPLY_SERVER_SCHEMA, trustProxyHops: env.TRUST_PROXY_HOPS, corsOrigins }),
    jwt: { secret: jwt.key, ...defined({ lifetimeSeconds: env.JWT_LIFETIME_SECONDS }) },
    rateLimits: defined({
      limit: env.LOOPLY_RATE_LIMIT_PER_MINUTE,
      authLimit: env.LOOPLY_AUTH_RATE_LIMIT,
      loginFailureLimit: env.LOOPLY_LOGIN_FAILURE_LIMIT,
    }),
    quotas: defined({
      concurrentJobs: env.LOOPLY_QUOTA_CONCURRENT_JOBS,
      videosPerDay: env.LOOPLY_QUOTA_VIDEOS_PER_DAY,
      secondsPerDay: env.LOOPLY_QUOTA_SECONDS_PER_DAY,
    }),
    ...defined({ adminEmails }),
    callbacks: defined({
      allowlist,
      maxAttempts: env.LOOPLY_CALLBACK_MAX_ATTEMPTS,
      baseDelayMs: env.LOOPLY_CALLBACK_BASE_DELAY_MS,
    }),
    metrics: defined({ token: env.METRICS_TOKEN, port: env.METRICS_PORT }),
  };
  const settings = serverSettingsSchema.safeParse(candidate);
  if (!settings.success) {
    const issue = settings.error.issues[0];
    throw new ServerConfigError(
      issue.path.join('.'),
      `invalid server setting ${issue.path.join('.')}: ${issue.message}`,
    );
  }
  return { settings: settings.data, port, host: env.HOST, jwtSecretSource: jwt.source };
}
