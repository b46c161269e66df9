import { z } from 'zod';
import { scriptSchema, type Script } from '../domain/script.js';
import { parseWith } from '../errors/validation.js';
import { sceneRolesFor } from '../templates/script-structure.js';
import type { ScriptCallOptionsV1, ScriptProviderV1, ScriptResultV1 } from '../spec/script/v1/script-provider-v1.js';
import {
  MockCallRecorder,
  mockProviderOptionsSchema,
  parseMockOptions,
  type MockProviderOptions,
} from './mock-call-recorder.js';

export interface MockScriptProviderOptions extends MockProviderOptions<ScriptCallOptionsV1> {
  /** Number of scenes in every script without a template (with one, its structure decides). Default 3. */
  sceneCount?: number;
}

export interface MockScriptProvider extends ScriptProviderV1 {
  /** The options of every `doGenerate` call, in order. */
  readonly calls: ScriptCallOptionsV1[];
}

const optionsSchema = mockProviderOptionsSchema.extend({
  sceneCount: z.number().int().min(1).max(60).default(3),
});

const SENTENCES = [
  (topic: string) => `Here is something worth knowing about ${topic}.`,
  (topic: string) => `Let us look closer at how ${topic} works in practice.`,
  (topic: string) => `A few numbers show why ${topic} matters today.`,
  (topic: string) => `People everywhere are already using ${topic}.`,
  (topic: string) => `That is the story of ${topic}, thanks for watching.`,
];

function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** A script provider that writes a deterministic script from the brief, instantly (unless `delayMs`). */
export function createMockScriptProvider(options?: MockScriptProviderOptions): MockScriptProvider {
  const settings = parseMockOptions(optionsSchema, options, 'createMockScriptProvider');
  const recorder = new MockCallRecorder<ScriptCallOptionsV1>({ ...settings, onCall: options?.onCall });
  return {
    specificationVersion: 'v1',
    kind: 'script',
    provider: settings.id,
    calls: recorder.calls,
    async doGenerate(callOptions): Promise<ScriptResultV1> {
      await recorder.enter(callOptions);
      const { brief, style } = callOptions;
      const topic = brief.topic.slice(0, 300);
      // Like a real writer, a brief's template decides the scenes and their roles.
      const roles = brief.template ? sceneRolesFor(brief.template.structure) : undefined;
      const sceneCount = roles?.length ?? settings.sceneCount;
      const sceneDuration = brief.durationSec / sceneCount;
      const script: Script = parseWith(
        scriptSchema,
        {
          title: brief.topic.slice(0, 200),
          language: brief.language,
          scenes: Array.from({ length: sceneCount }, (_, index) => ({
            narration: SENTENCES[index % SENTENCES.length](topic),
            durationHintSec: sceneDuration,
            visual: {
              positive: `${topic}, scene ${index + 1} of ${sceneCount}, ${style.cameraMoves[index % style.cameraMoves.length]}, ${style.lighting[index % style.lighting.length]}, ${style.promptSuffix}`,
              negative: style.negativePrompt,
            },
            ...(roles ? { role: roles[index] } : {}),
          })),
        },
        `mock script provider "${settings.id}" output`,
      );
      const outputWords = script.scenes.reduce(
        (total, scene) => total + countWords(scene.narration) + countWords(scene.visual.positive),
        0,
      );
      return {
        script,
        usage: { inputTokens: countWords(brief.topic) + countWords(brief.tone), outputTokens: outputWords },
        warnings: [],
      };
    },
  };
}
