import type { WarningV1 } from '@looply/core';
import { speechCostUsd, transcriptionCostUsd, type OpenAIPricing } from './openai-pricing.js';

/**
 * What a narration cost: speech by characters or audio length, plus the word-timestamp
 * transcriptions; undefined (with a warning) when a model's price is unknown.
 */
export function openAIVoiceCostUsd(
  pricing: OpenAIPricing,
  usage: { model: string; characters: number; durationSec: number; transcriptionModel: string; transcribedSec: number },
  warnings: WarningV1[],
): number | undefined {
  const { model, characters, durationSec, transcriptionModel, transcribedSec } = usage;
  const speechCost = speechCostUsd(pricing, model, characters, durationSec);
  if (speechCost === undefined)
    warnings.push({
      type: 'other',
      message: `No price known for OpenAI speech model "${model}": usage.costUsd is left out`,
    });
  const transcriptionCost = transcribedSec > 0 ? transcriptionCostUsd(pricing, transcriptionModel, transcribedSec) : 0;
  if (transcriptionCost === undefined)
    warnings.push({
      type: 'other',
      message: `No price known for OpenAI transcription model "${transcriptionModel}": usage.costUsd is left out`,
    });
  return speechCost === undefined || transcriptionCost === undefined
    ? undefined
    : Math.round((speechCost + transcriptionCost) * 1e6) / 1e6;
}
