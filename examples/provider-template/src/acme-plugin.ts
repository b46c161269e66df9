import { definePlugin } from '@looply/core';
import { z } from 'zod';
import { createAcmeVisualProvider } from './acme-visual-provider.js';

/**
 * The package's entry for the `looply` CLI and server: `definePlugin` from `@looply/core`. The host
 * validates `settings` (from its `looply.config.json`) with `settingsSchema` and passes its environment.
 */
export const acmePlugin = definePlugin({
  id: 'acme',
  settingsSchema: z.strictObject({ baseURL: z.url({ protocol: /^https?$/ }).optional() }),
  requiredVariables: ['ACME_API_KEY'],
  autoSteps: ['visual'],
  create: ({ settings, environment }) => ({
    name: 'looply-provider-acme',
    register(registry) {
      registry.register(
        createAcmeVisualProvider({
          apiKey: environment.ACME_API_KEY,
          baseURL: settings.baseURL ?? environment.ACME_BASE_URL,
        }),
      );
    },
  }),
});
