import { STEP_KINDS, type ArtifactUrlSigner } from '@looply/core';
import { elevenlabsPlugin } from '@looply/providers-elevenlabs';
import { localPlugin } from '@looply/providers-local';
import { openaiPlugin } from '@looply/providers-openai';
import { shotstackPlugin } from '@looply/providers-shotstack';
import { vastPlugin } from '@looply/providers-vast';
import { localArtifactUrls } from './local-artifact-urls.js';
import type { ProviderPackage } from './provider-package.js';

export interface ProviderPackagesOptions {
  /**
   * Signed artifact URLs for remote providers (Shotstack). `looply serve` passes its own signer, whose
   * URLs the server serves under `PUBLIC_BASE_URL`; default: a small local artifact server started on first use.
   */
  artifactUrls?: () => Promise<ArtifactUrlSigner>;
  /**
   * `music.source` may name a file on this machine: true for `looply generate` (the user's own files),
   * false for `looply serve`/`worker`, where a brief comes from a client. Default false.
   */
  allowLocalMusicFiles?: boolean;
  /**
   * When given, a brief's http(s) `music.source` is downloaded with this fetch: `looply serve`/`worker`
   * pass one that checks the URL against the callback SSRF policy again at download time. Default: music URLs off.
   */
  musicUrlFetch?: typeof globalThis.fetch | false;
}

/**
 * The provider packages this CLI ships with, real providers first: for each step, `auto` picks the
 * first configured package listing the step in `autoSteps`, else `local`.
 *
 * Adding a package (after `pnpm add @looply/providers-openai` in packages/cli) is one entry, e.g.:
 *   {
 *     id: 'openai',
 *     packageName: '@looply/providers-openai',
 *     steps: ['script', 'voice', 'visual'],
 *     autoSteps: ['script'],
 *     requiredVariables: (config) => ({ OPENAI_API_KEY: config.openai.apiKey }),
 *     plugin: (config) => openaiPlugin({ apiKey: config.openai.apiKey, baseURL: config.openai.baseUrl, model: config.openai.model }),
 *   },
 *
 * `PROVIDER_PACKAGES` is this list with the default options.
 */
export function providerPackages(options: ProviderPackagesOptions = {}): readonly ProviderPackage[] {
  return [
    {
      id: 'openai',
      packageName: '@looply/providers-openai',
      steps: ['script', 'voice', 'visual'],
      autoSteps: ['script'],
      requiredVariables: (config) => ({ OPENAI_API_KEY: config.openai.apiKey }),
      plugin: (config) =>
        openaiPlugin({ apiKey: config.openai.apiKey, baseURL: config.openai.baseUrl, model: config.openai.model }),
    },
    {
      id: 'elevenlabs',
      packageName: '@looply/providers-elevenlabs',
      steps: ['voice'],
      autoSteps: ['voice'],
      requiredVariables: (config) => ({ ELEVENLABS_API_KEY: config.elevenlabs.apiKey }),
      plugin: (config) =>
        elevenlabsPlugin({
          apiKey: config.elevenlabs.apiKey,
          baseURL: config.elevenlabs.baseUrl,
          voiceId: config.elevenlabs.voiceId,
          modelId: config.elevenlabs.modelId,
        }),
    },
    {
      id: 'vast',
      packageName: '@looply/providers-vast',
      steps: ['visual'],
      autoSteps: ['visual'],
      requiredVariables: (config) => ({ WAN_ENDPOINT_URL: config.wan.endpointUrl }),
      plugin: (config) =>
        vastPlugin({
          endpointUrl: config.wan.endpointUrl,
          apiToken: config.wan.apiToken,
          webhookSecret: config.wan.webhookSecret,
          publicBaseUrl: config.publicBaseUrl,
        }),
    },
    {
      id: 'shotstack',
      packageName: '@looply/providers-shotstack',
      steps: ['assembly'],
      autoSteps: ['assembly'],
      requiredVariables: (config) => ({ SHOTSTACK_API_KEY: config.shotstack.apiKey }),
      plugin: (config) =>
        shotstackPlugin({
          apiKey: config.shotstack.apiKey,
          baseUrl: config.shotstack.baseUrl,
          stage: config.shotstack.stage,
          publicBaseUrl: config.publicBaseUrl,
          artifactUrls: options.artifactUrls ?? localArtifactUrls(config),
        }),
    },
    {
      id: 'local',
      packageName: '@looply/providers-local',
      steps: STEP_KINDS,
      autoSteps: STEP_KINDS,
      requiredVariables: () => ({}),
      // --music is a file on this machine: the CLI may read it; a server never reads a client-named path.
      plugin: (config) =>
        localPlugin({
          assembly: {
            ffmpegPath: config.ffmpegPath,
            ffprobePath: config.ffprobePath,
            allowLocalMusicFiles: options.allowLocalMusicFiles ?? false,
            ...(options.musicUrlFetch ? { allowMusicUrls: true, fetch: options.musicUrlFetch } : {}),
          },
        }),
    },
  ];
}

export const PROVIDER_PACKAGES: readonly ProviderPackage[] = providerPackages();
