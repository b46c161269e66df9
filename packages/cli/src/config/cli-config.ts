import { access, constants } from 'node:fs/promises';
import { resolve } from 'node:path';
import { STEP_KINDS, type StepKind } from '@looply/core';
import { environmentSchema, isSecretVariable, type Environment } from './environment-schema.js';
import { ConfigError } from './config-error.js';
import { resolveArtifactsLocation, type ArtifactsLocation } from '../artifacts/artifacts-location.js';
import { loadConfigFile, type LoadedConfigFile, type PluginReference } from './config-file.js';

export type LogLevel = Environment['LOG_LEVEL'];

/** The validated configuration of one CLI run. */
export interface CliConfig {
  /** `undefined`: use the embedded Postgres in `$LOOPLY_HOME/pg`. */
  databaseUrl: string | undefined;
  /** Absolute path of `LOOPLY_HOME`. */
  home: string;
  postgresPort: number;
  logLevel: LogLevel;
  /** `auto` or a provider id, per step. */
  providers: Record<StepKind, string>;
  /** Where each step's choice came from, for messages: `LOOPLY_VISUAL_PROVIDER` or `<config file> providers.visual`. */
  providerSources: Record<StepKind, string>;
  /** The config file (`looply.config.*` or `LOOPLY_CONFIG`), if any, and the folder plugins resolve from. */
  configFile: LoadedConfigFile;
  /** Plugin packages to load: the config file's, then `LOOPLY_PLUGINS`'s (each package once). */
  plugins: PluginReference[];
  openai: { apiKey?: string; baseUrl?: string; model: string };
  elevenlabs: { apiKey?: string; baseUrl?: string; voiceId?: string; modelId?: string };
  /** `PUBLIC_BASE_URL` when set: remote providers then send webhooks there. */
  publicBaseUrl?: string;
  vast: { apiKey?: string; baseUrl?: string };
  wan: { endpointUrl?: string; apiToken?: string; webhookSecret?: string };
  shotstack: { apiKey?: string; baseUrl?: string; stage: 'stage' | 'v1' };
  ffmpegPath?: string;
  ffprobePath?: string;
  /** Whether workers check each rendered video against the output standards (`LOOPLY_QUALITY_CHECK`). */
  qualityCheck: boolean;
  /** Where artifacts live (`LOOPLY_ARTIFACTS`). */
  artifacts: ArtifactsLocation;
}

/** Reads and validates the environment. Throws a `ConfigError` naming the first bad variable. */
export async function loadConfig(
  environment: Record<string, string | undefined> = process.env,
  cwd = process.cwd(),
): Promise<CliConfig> {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0] ?? '(environment)');
    const value = environment[name];
    const shown = value === undefined || isSecretVariable(name) ? '' : `="${value}"`;
    throw new ConfigError(name, `invalid environment variable ${name}${shown}: ${issue.message}`);
  }
  const env = parsed.data;
  for (const name of ['FFMPEG_PATH', 'FFPROBE_PATH'] as const) {
    const path = env[name];
    if (
      path &&
      !(await access(path, constants.X_OK).then(
        () => true,
        () => false,
      ))
    ) {
      throw new ConfigError(name, `invalid environment variable ${name}="${path}": no executable file there`);
    }
  }
  const configFile = await loadConfigFile(environment, cwd);
  const providers = {} as Record<StepKind, string>;
  const providerSources = {} as Record<StepKind, string>;
  for (const step of STEP_KINDS) {
    const variable = `LOOPLY_${step.toUpperCase()}_PROVIDER`;
    const fromFile = configFile.content.providers[step];
    // The environment wins over the file; an unset variable leaves the file's choice.
    const useFile = fromFile !== undefined && !environment[variable]?.trim();
    providers[step] = useFile ? fromFile : (env[variable as keyof Environment] as string);
    providerSources[step] = useFile ? `${configFile.path} providers.${step}` : variable;
  }
  const plugins = [...configFile.content.plugins];
  for (const name of (env.LOOPLY_PLUGINS ?? '').split(',').map((entry) => entry.trim())) {
    if (name && !plugins.some((plugin) => plugin.package === name)) plugins.push({ package: name, settings: {} });
  }
  return {
    databaseUrl: env.DATABASE_URL,
    home: resolve(cwd, env.LOOPLY_HOME),
    postgresPort: env.LOOPLY_PG_PORT,
    logLevel: env.LOG_LEVEL,
    providers,
    providerSources,
    configFile,
    plugins,
    openai: { apiKey: env.OPENAI_API_KEY, baseUrl: env.OPENAI_BASE_URL, model: env.OPENAI_MODEL },
    elevenlabs: {
      apiKey: env.ELEVENLABS_API_KEY,
      baseUrl: env.ELEVENLABS_BASE_URL,
      voiceId: env.ELEVENLABS_VOICE_ID,
      modelId: env.ELEVENLABS_MODEL_ID,
    },
    publicBaseUrl: env.PUBLIC_BASE_URL,
    vast: { apiKey: env.VAST_API_KEY, baseUrl: env.VAST_BASE_URL },
    wan: { endpointUrl: env.WAN_ENDPOINT_URL, apiToken: env.WAN_API_TOKEN, webhookSecret: env.WAN_WEBHOOK_SECRET },
    shotstack: { apiKey: env.SHOTSTACK_API_KEY, baseUrl: env.SHOTSTACK_BASE_URL, stage: env.SHOTSTACK_STAGE },
    ffmpegPath: env.FFMPEG_PATH,
    ffprobePath: env.FFPROBE_PATH,
    qualityCheck: env.LOOPLY_QUALITY_CHECK === 'on',
    artifacts: await resolveArtifactsLocation(env.LOOPLY_ARTIFACTS, resolve(cwd, env.LOOPLY_HOME), environment, cwd),
  };
}
