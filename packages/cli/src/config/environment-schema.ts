import { z } from 'zod';

const unsetWhenEmpty = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optional = <S extends z.ZodType>(schema: S) => z.preprocess(unsetWhenEmpty, schema.optional());
const withDefault = <S extends z.ZodType>(schema: S, value: z.input<S>) =>
  z.preprocess(unsetWhenEmpty, schema.default(value as never));

const httpUrl = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' });
const secret = z.string().min(1);
const providerChoice = z
  .string()
  .regex(/^(auto|[a-z0-9][a-z0-9._-]*)$/, 'must be "auto" or a provider id such as "local" or "openai"');

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;

/**
 * The environment the CLI reads (listed in the CLI README under "Settings"). Names stay as in the environment so an error names
 * the variable; unknown variables are ignored.
 */
export const environmentSchema = z.object({
  DATABASE_URL: optional(z.url({ protocol: /^postgres(ql)?$/, message: 'must be a postgres:// or postgresql:// URL' })),
  LOOPLY_HOME: withDefault(z.string(), './.looply'),
  LOOPLY_PG_PORT: withDefault(z.coerce.number().int('must be a port number').min(1).max(65_535), 54_329),
  LOG_LEVEL: withDefault(z.enum(LOG_LEVELS), 'info'),
  /** Where artifacts live: `file:<folder>` (default `file:$LOOPLY_HOME/artifacts`) or `s3://bucket/prefix`. */
  LOOPLY_ARTIFACTS: optional(
    z.string().regex(/^(file:.+|s3:\/\/[^/]+.*)$/, 'must be file:<folder> or s3://bucket/prefix'),
  ),

  /** A config file to use instead of the first `looply.config.{js,mjs,json}` from the working directory up. */
  LOOPLY_CONFIG: optional(z.string()),
  /** Plugin packages to load besides the config file's, comma-separated. */
  LOOPLY_PLUGINS: optional(
    z
      .string()
      .regex(
        /^\s*[@a-z0-9._~/-]+(\s*,\s*[@a-z0-9._~/-]+)*\s*,?\s*$/,
        'must be npm package names separated by commas, e.g. "looply-provider-acme,@acme/looply"',
      ),
  ),

  LOOPLY_SCRIPT_PROVIDER: withDefault(providerChoice, 'auto'),
  LOOPLY_VOICE_PROVIDER: withDefault(providerChoice, 'auto'),
  LOOPLY_VISUAL_PROVIDER: withDefault(providerChoice, 'auto'),
  LOOPLY_ASSEMBLY_PROVIDER: withDefault(providerChoice, 'auto'),

  OPENAI_API_KEY: optional(secret),
  OPENAI_BASE_URL: optional(httpUrl),
  OPENAI_MODEL: withDefault(z.string().min(1), 'gpt-4o-mini'),

  ELEVENLABS_API_KEY: optional(secret),
  ELEVENLABS_BASE_URL: optional(httpUrl),
  ELEVENLABS_VOICE_ID: optional(z.string().min(1)),
  ELEVENLABS_MODEL_ID: optional(z.string().min(1)),

  /** Where remote providers call back and fetch artifacts from (webhooks, signed artifact URLs). */
  PUBLIC_BASE_URL: optional(httpUrl),

  VAST_API_KEY: optional(secret),
  VAST_BASE_URL: optional(httpUrl),
  WAN_ENDPOINT_URL: optional(httpUrl),
  WAN_API_TOKEN: optional(secret),
  WAN_WEBHOOK_SECRET: optional(secret),

  SHOTSTACK_API_KEY: optional(secret),
  SHOTSTACK_BASE_URL: optional(httpUrl),
  SHOTSTACK_STAGE: withDefault(z.enum(['stage', 'v1']), 'stage'),

  FFMPEG_PATH: optional(z.string().min(1)),
  FFPROBE_PATH: optional(z.string().min(1)),
  /** `off` skips the output check after assembly (benchmarks); `on` by default. */
  LOOPLY_QUALITY_CHECK: withDefault(z.enum(['on', 'off']), 'on'),
});

export type Environment = z.output<typeof environmentSchema>;

/** Variables whose values must never be printed. */
export function isSecretVariable(name: string): boolean {
  return /(KEY|TOKEN|SECRET|PASSWORD)$/.test(name) || name === 'DATABASE_URL';
}
