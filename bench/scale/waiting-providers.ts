// Providers that wait like remote APIs and do no work: each call sleeps `delayMs` and answers with
// minimal valid results pointing at one placeholder artifact. The long-running visual keeps no
// state in memory (its "remote" finishes `remoteMs` after start, by the clock), so any process may
// answer its doStatus: the one that started it, another worker, or the server confirming a webhook.
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from './core-dependencies.js';
import type {
  ArtifactRef,
  AssemblyProviderV1,
  LongRunningVisualProviderV1,
  ScriptProviderV1,
  ShortVisualProviderV1,
  VisualProviderV1,
  VoiceProviderV1,
} from '../../packages/core/src/index.js';

export const WAITING_PROVIDER_ID = 'waiting';
export const PLACEHOLDER_KEY = 'bench/placeholder.bin';

export interface WaitingProviderOptions {
  delayMs: number;
  /** Called as each call starts (the engine bench times hand-offs from it). */
  onStart?: (idempotencyKey: string) => void;
  /** Visuals start remote work that completes `remoteMs` later and is reported by webhook. */
  longRunningVisualRemoteMs?: number;
}

const operationSchema = z.object({ externalId: z.string(), startedAt: z.number(), remoteMs: z.number() });
const webhookSchema = z.object({ externalId: z.string(), status: z.enum(['pending', 'completed', 'error']) });

export function waitingProviders(placeholder: ArtifactRef, options: WaitingProviderOptions) {
  const wait = async (idempotencyKey: string) => {
    options.onStart?.(idempotencyKey);
    if (options.delayMs > 0) await sleep(options.delayMs);
  };
  const script: ScriptProviderV1 = {
    specificationVersion: 'v1',
    kind: 'script',
    provider: WAITING_PROVIDER_ID,
    async doGenerate({ idempotencyKey, brief }) {
      await wait(idempotencyKey);
      const scene = {
        narration: `About ${brief.topic}.`,
        durationHintSec: 5,
        visual: { positive: brief.topic, negative: '' },
      };
      return {
        script: { title: brief.topic, language: brief.language, scenes: [scene] },
        usage: { outputTokens: 10 },
        warnings: [],
      };
    },
  };
  const voice: VoiceProviderV1 = {
    specificationVersion: 'v1',
    kind: 'voice',
    provider: WAITING_PROVIDER_ID,
    async doSynthesize({ idempotencyKey }) {
      await wait(idempotencyKey);
      const narration = {
        audio: placeholder,
        durationSec: 5,
        scenes: [{ startSec: 0, endSec: 5 }],
        words: [{ text: 'About', startSec: 0, endSec: 1, sceneIndex: 0 }],
        wordTimingsExact: false,
      };
      return { narration, usage: { characters: 12 }, warnings: [] };
    },
  };
  const shortVisual: ShortVisualProviderV1 = {
    specificationVersion: 'v1',
    kind: 'visual',
    provider: WAITING_PROVIDER_ID,
    mode: 'short',
    async doGenerate({ idempotencyKey, scene, output }) {
      await wait(idempotencyKey);
      return {
        visual: {
          sceneIndex: scene.index,
          kind: 'image',
          artifact: placeholder,
          width: output.width,
          height: output.height,
        },
        usage: { images: 1 },
        warnings: [],
      };
    },
  };
  const remoteMs = options.longRunningVisualRemoteMs ?? 0;
  const longVisual: LongRunningVisualProviderV1 = {
    specificationVersion: 'v1',
    kind: 'visual',
    provider: WAITING_PROVIDER_ID,
    mode: 'long-running',
    async doStart({ idempotencyKey, scene, output }) {
      await wait(idempotencyKey);
      const operation = {
        externalId: `remote-${idempotencyKey}`,
        startedAt: Date.now(),
        remoteMs,
        sceneIndex: scene.index,
        width: output.width,
        height: output.height,
      };
      // Polls are a slow safety net: the webhook is what finishes the step.
      return { operation, externalId: operation.externalId, pollAfterMs: 10 * 60_000 };
    },
    async doStatus({ operation }) {
      const parsed = operationSchema
        .extend({ sceneIndex: z.number(), width: z.number(), height: z.number() })
        .parse(operation);
      if (Date.now() - parsed.startedAt < parsed.remoteMs) return { status: 'pending', pollAfterMs: 10 * 60_000 };
      return {
        status: 'completed',
        result: {
          visual: {
            sceneIndex: parsed.sceneIndex,
            kind: 'image',
            artifact: placeholder,
            width: parsed.width,
            height: parsed.height,
          },
          usage: { images: 1 },
          warnings: [],
        },
      };
    },
    async parseWebhook({ body }) {
      return webhookSchema.parse(JSON.parse(body.toString('utf8')));
    },
  };
  const visual: VisualProviderV1 = remoteMs > 0 ? longVisual : shortVisual;
  const assembly: AssemblyProviderV1 = {
    specificationVersion: 'v1',
    kind: 'assembly',
    provider: WAITING_PROVIDER_ID,
    mode: 'short',
    async doGenerate({ idempotencyKey, timeline }) {
      await wait(idempotencyKey);
      return {
        video: placeholder,
        durationSec: timeline.durationSec,
        width: timeline.output.width,
        height: timeline.output.height,
        usage: { renderSeconds: 0 },
        warnings: [],
      };
    },
  };
  return { script, voice, visual, assembly };
}
