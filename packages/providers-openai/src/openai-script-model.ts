import {
  describeZodError,
  ProviderError,
  scriptSchema,
  throwIfAborted,
  type Script,
  type ScriptCallOptionsV1,
  type ScriptProviderV1,
  type ScriptResultV1,
  type VisualStyle,
  type WarningV1,
} from '@looply/core';
import { openAIChatCompletionSchema, type OpenAIChatCompletion, type OpenAIChatRequest } from './openai-api-types.js';
import { parseOpenAICallOptions } from './openai-call-options.js';
import { requestOptions, type OpenAIClientFactory } from './openai-client.js';
import { callOpenAI, OPENAI_PROVIDER_ID } from './openai-error.js';
import { openAIScriptModelId } from './openai-environment.js';
import { openAIScriptCallOptionsSchema } from './openai-options.js';
import { chatCostUsd, type OpenAIPricing } from './openai-pricing.js';
import { lengthRepairPrompt, scriptSystemPrompt, scriptUserPrompt, type ChatMessage } from './openai-script-prompt.js';
import { narrationLength, narrationTarget, speechRateFor } from './speech-rate.js';
import { toStrictJsonSchema } from './strict-json-schema.js';
import {
  applyStructure,
  pacingWordFactor,
  structuredResponseSchema,
  withoutNullRoles,
} from './openai-script-structure.js';
import { applyStyle } from './apply-style.js';

export interface OpenAIScriptModelConfig {
  clients: OpenAIClientFactory;
  pricing: OpenAIPricing;
  /** Explicit model; otherwise `OPENAI_MODEL`, else `gpt-4o-mini`, read at call time. */
  modelId?: string;
  temperature?: number;
  maxCompletionTokens?: number;
  timeoutMs: number;
}

const RESPONSE_FORMAT_NAME = 'looply_script';

// Built once: the wire schema is the core script schema, made strict-compatible.
let scriptJsonSchema: Record<string, unknown> | undefined;
function scriptResponseSchema(): Record<string, unknown> {
  scriptJsonSchema ??= toStrictJsonSchema(scriptSchema);
  return scriptJsonSchema;
}

interface Attempt {
  script: Script;
  content: string;
  inputTokens: number;
  outputTokens: number;
}

/** Writes the script with Chat Completions structured outputs (strict JSON schema). */
export class OpenAIScriptModel implements ScriptProviderV1 {
  readonly specificationVersion = 'v1' as const;
  readonly kind = 'script' as const;
  readonly provider = OPENAI_PROVIDER_ID;

  constructor(private readonly config: OpenAIScriptModelConfig) {}

  get modelId(): string {
    return openAIScriptModelId(this.config.modelId);
  }

  async doGenerate(options: ScriptCallOptionsV1): Promise<ScriptResultV1> {
    throwIfAborted(options.abortSignal);
    const { options: callOptions, warnings } = parseOpenAICallOptions(
      openAIScriptCallOptionsSchema,
      options.providerOptions,
      'script',
    );
    const model = callOptions.model ?? this.modelId;
    const temperature = callOptions.temperature ?? this.config.temperature;
    const { brief, style } = options;

    const messages: ChatMessage[] = [
      { role: 'system', content: scriptSystemPrompt(brief, style) },
      { role: 'user', content: scriptUserPrompt(brief, style) },
    ];
    const first = await this.complete(options, {
      model,
      temperature,
      messages,
      idempotencyKey: options.idempotencyKey,
      round: 'first answer',
    });
    let final = first;
    let inputTokens = first.inputTokens;
    let outputTokens = first.outputTokens;

    const target = narrationTarget(brief.durationSec, brief.language, pacingWordFactor(brief));
    const rate = speechRateFor(brief.language);
    const measure = (script: Script) => narrationLength(script.scenes.map((scene) => scene.narration).join(' '), rate);
    const firstLength = measure(first.script);
    if (firstLength < target.minimum || firstLength > target.maximum) {
      // One repair round: show the model its answer and ask for the right length.
      const repair = await this.complete(options, {
        model,
        temperature,
        messages: [
          ...messages,
          { role: 'assistant', content: first.content },
          { role: 'user', content: lengthRepairPrompt(brief, firstLength) },
        ],
        idempotencyKey: `${options.idempotencyKey}:length-repair`,
        round: 'length repair',
      });
      inputTokens += repair.inputTokens;
      outputTokens += repair.outputTokens;
      const repairedLength = measure(repair.script);
      if (repairedLength < target.minimum || repairedLength > target.maximum) {
        throw new ProviderError({
          provider: OPENAI_PROVIDER_ID,
          message:
            `OpenAI script (${model}): the narration has ${repairedLength} ${target.unit} for a ${brief.durationSec} s video ` +
            `(expected ${target.minimum}–${target.maximum}; the first answer had ${firstLength}), even after one repair round`,
          retryable: false,
          code: 'narration-length',
        });
      }
      final = repair;
      warnings.push({
        type: 'other',
        message: `The first script had ${firstLength} ${target.unit} (target ${target.target}); one repair round fixed its length`,
      });
    }

    const script = finalizeScript(
      applyStructure(final.script, brief, model),
      brief.language,
      brief.durationSec,
      style,
      rate,
    );
    const costUsd = chatCostUsd(this.config.pricing, model, inputTokens, outputTokens);
    if (costUsd === undefined) warnings.push(unknownPriceWarning(model));
    return { script, usage: { inputTokens, outputTokens, ...(costUsd === undefined ? {} : { costUsd }) }, warnings };
  }

  private async complete(
    options: ScriptCallOptionsV1,
    request: { model: string; temperature?: number; messages: ChatMessage[]; idempotencyKey: string; round: string },
  ): Promise<Attempt> {
    throwIfAborted(options.abortSignal);
    const client = this.config.clients.client();
    const body: OpenAIChatRequest = {
      model: request.model,
      messages: request.messages,
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: RESPONSE_FORMAT_NAME,
          description: 'A narrated video script, scene by scene',
          strict: true,
          schema: structuredResponseSchema(scriptResponseSchema(), options.brief),
        },
      },
      ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
      ...(this.config.maxCompletionTokens === undefined
        ? {}
        : { max_completion_tokens: this.config.maxCompletionTokens }),
    };
    const context = {
      operation: `script generation (${request.round})`,
      abortSignal: options.abortSignal,
      timeoutMs: this.config.timeoutMs,
    };
    const raw = await callOpenAI(context, () =>
      client.chat.completions.create(
        body,
        requestOptions({
          abortSignal: options.abortSignal,
          idempotencyKey: request.idempotencyKey,
          timeoutMs: this.config.timeoutMs,
        }),
      ),
    );
    const parsed = openAIChatCompletionSchema.safeParse(raw);
    if (!parsed.success)
      throw invalidResponse(describeZodError(parsed.error, `OpenAI chat completion (${request.model})`));
    const content = contentOf(parsed.data, request.model);
    let json: unknown;
    try {
      json = JSON.parse(content);
    } catch (error) {
      throw invalidResponse(`OpenAI script (${request.model}): the answer is not JSON (${(error as Error).message})`);
    }
    const script = scriptSchema.safeParse(withoutNullRoles(json));
    if (!script.success)
      throw invalidResponse(
        describeZodError(script.error, `OpenAI script (${request.model}) does not match the script schema`),
      );
    return {
      script: script.data,
      content,
      inputTokens: parsed.data.usage?.prompt_tokens ?? 0,
      outputTokens: parsed.data.usage?.completion_tokens ?? 0,
    };
  }
}

/** The JSON text of the first choice, or a non-retryable error for a refusal, truncation or filter. */
function contentOf(completion: OpenAIChatCompletion, model: string): string {
  const choice = completion.choices[0];
  const refusal = choice.message.refusal?.trim();
  if (refusal) {
    throw new ProviderError({
      provider: OPENAI_PROVIDER_ID,
      message: `OpenAI (${model}) refused to write the script: ${refusal}`,
      retryable: false,
      code: 'refusal',
    });
  }
  if (choice.finish_reason === 'length') {
    throw new ProviderError({
      provider: OPENAI_PROVIDER_ID,
      message: `OpenAI (${model}) stopped writing the script at its token limit (finish_reason "length"); raise maxCompletionTokens or shorten the video`,
      retryable: false,
      code: 'length',
    });
  }
  if (choice.finish_reason === 'content_filter') {
    throw new ProviderError({
      provider: OPENAI_PROVIDER_ID,
      message: `OpenAI's content filter stopped the script (${model}, finish_reason "content_filter"); change the topic or wording of the brief`,
      retryable: false,
      code: 'content_filter',
    });
  }
  const content = choice.message.content;
  if (!content)
    throw invalidResponse(
      `OpenAI script (${model}): the answer has no content (finish_reason "${choice.finish_reason ?? 'none'}")`,
    );
  return content;
}

function invalidResponse(message: string): ProviderError {
  return new ProviderError({ provider: OPENAI_PROVIDER_ID, message, retryable: false, code: 'invalid-response' });
}

function unknownPriceWarning(model: string): WarningV1 {
  return {
    type: 'other',
    message: `No price known for OpenAI model "${model}": usage.costUsd is left out (set createOpenAI({ pricing }))`,
  };
}

function finalizeScript(
  script: Script,
  language: string,
  durationSec: number,
  style: VisualStyle,
  rate: ReturnType<typeof speechRateFor>,
): Script {
  const lengths = script.scenes.map((scene) => Math.max(1, narrationLength(scene.narration, rate)));
  const total = lengths.reduce((sum, length) => sum + length, 0);
  const finalized: Script = {
    title: script.title,
    // The brief decides the language; models sometimes answer "en-US" for "en".
    language,
    scenes: script.scenes.map((scene, index) => ({
      narration: scene.narration,
      // Hints follow the narration length (what the voice will take), not the model's arithmetic.
      durationHintSec: Math.max(0.1, Math.round(((durationSec * lengths[index]) / total) * 10) / 10),
      visual: applyStyle(scene.visual, style),
      ...(scene.role ? { role: scene.role } : {}),
    })),
  };
  const checked = scriptSchema.safeParse(finalized);
  if (!checked.success)
    throw invalidResponse(describeZodError(checked.error, 'OpenAI script after applying the style'));
  return checked.data;
}
