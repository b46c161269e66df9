import { z } from 'zod';
import { STEP_KINDS, type StepKind } from '../domain/brief.js';
import type { LooplyPlugin } from './plugin.js';

/** What a host (the `looply` CLI, server or worker) hands a plugin factory when it loads the package. */
export interface LooplyPluginContext<Settings> {
  /** The plugin's own settings from the host's config file, validated with `settingsSchema`. */
  settings: Settings;
  /** The process environment (read keys lazily from it, e.g. `ACME_API_KEY`). */
  environment: Readonly<Record<string, string | undefined>>;
}

/** What a plugin package declares with `definePlugin`. */
export interface LooplyPluginDefinition<Schema extends z.ZodType> {
  /** The provider id every provider of this plugin registers under, e.g. `acme`. */
  id: string;
  /** Validates the `settings` the config file gives this plugin (default: an empty strict object). */
  settingsSchema?: Schema;
  /** Environment variables that must be set for the plugin to count as configured (e.g. its API key). */
  requiredVariables?: readonly string[];
  /** Steps `LOOPLY_<STEP>_PROVIDER=auto` may give this plugin when it is configured. Default: none. */
  autoSteps?: readonly StepKind[];
  /** Makes the plugin. Must not call the vendor: providers start working only when a step runs. */
  create(context: LooplyPluginContext<z.output<Schema>>): LooplyPlugin;
}

/** A plugin package's entry: export it as the package's default export (or as `looplyPlugin`). */
export interface LooplyPluginFactory<Schema extends z.ZodType = z.ZodType> extends Required<
  Omit<LooplyPluginDefinition<Schema>, 'create'>
> {
  readonly specificationVersion: 'v1';
  readonly kind: 'looply-plugin-factory';
  create(context: LooplyPluginContext<z.output<Schema>>): LooplyPlugin;
}

const definitionSchema = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]*$/, 'must be a provider id such as "acme"')
    .max(64),
  requiredVariables: z
    .array(z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'must be an environment variable name'))
    .default([]),
  autoSteps: z.array(z.enum(STEP_KINDS)).default([]),
});

/**
 * Declares a third-party plugin (see the "Plugins" section of the README). The host validates the
 * settings with `settingsSchema`, then calls `create({ settings, environment })`.
 *
 *   export default definePlugin({
 *     id: 'acme',
 *     settingsSchema: z.strictObject({ baseURL: z.url().optional() }),
 *     requiredVariables: ['ACME_API_KEY'],
 *     create: ({ settings, environment }) => acmePlugin({ ...settings, apiKey: environment.ACME_API_KEY }),
 *   });
 */
export function definePlugin<Schema extends z.ZodType = z.ZodObject<Record<string, never>>>(
  definition: LooplyPluginDefinition<Schema>,
): LooplyPluginFactory<Schema> {
  const checked = definitionSchema.parse(definition);
  if (typeof definition.create !== 'function') throw new TypeError('definePlugin: create must be a function');
  return {
    specificationVersion: 'v1',
    kind: 'looply-plugin-factory',
    id: checked.id,
    settingsSchema: (definition.settingsSchema ?? z.strictObject({})) as Schema,
    requiredVariables: checked.requiredVariables,
    autoSteps: checked.autoSteps,
    create: definition.create,
  };
}

/** True for what `definePlugin` returns (checked by shape, so two copies of core still agree). */
export function isLooplyPluginFactory(value: unknown): value is LooplyPluginFactory {
  const candidate = value as Partial<LooplyPluginFactory> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    candidate.kind === 'looply-plugin-factory' &&
    candidate.specificationVersion === 'v1' &&
    typeof candidate.id === 'string' &&
    typeof candidate.create === 'function' &&
    typeof (candidate.settingsSchema as { safeParse?: unknown } | undefined)?.safeParse === 'function'
  );
}
