import { expect } from 'chai';
import {
  chatCostUsd,
  DEFAULT_OPENAI_PRICING,
  findModelPrice,
  imageCostUsd,
  mergePricing,
  speechCostUsd,
} from './openai-pricing.js';

describe('openai-pricing', () => {
  it('finds dated snapshots by their family, the longest family first', () => {
    expect(findModelPrice(DEFAULT_OPENAI_PRICING.chat, 'gpt-4o-mini-2024-07-18')).to.equal(
      DEFAULT_OPENAI_PRICING.chat['gpt-4o-mini'],
    );
    expect(findModelPrice(DEFAULT_OPENAI_PRICING.chat, 'gpt-4o-2024-08-06')).to.equal(
      DEFAULT_OPENAI_PRICING.chat['gpt-4o'],
    );
    expect(findModelPrice(DEFAULT_OPENAI_PRICING.chat, 'gpt-4omni')).to.equal(undefined);
  });

  it('estimates chat, speech and image costs in dollars', () => {
    const pricing = mergePricing(undefined);
    expect(chatCostUsd(pricing, 'gpt-4o', 1_000_000, 100_000)).to.equal(3.5);
    expect(speechCostUsd(pricing, 'tts-1-hd', 10_000, 50)).to.equal(0.3);
    expect(speechCostUsd(pricing, 'gpt-4o-mini-tts', 10_000, 120)).to.equal(0.03);
    expect(imageCostUsd(pricing, 'gpt-image-1', 'high', '1024x1536')).to.equal(0.25);
    expect(chatCostUsd(pricing, 'my-finetune', 1, 1)).to.equal(undefined);
  });

  it('merges overrides per model over the defaults', () => {
    const pricing = mergePricing({
      chat: {
        'gpt-4o-mini': { inputPerMillionTokens: 1, outputPerMillionTokens: 2 },
        'local-llm': { inputPerMillionTokens: 0, outputPerMillionTokens: 0 },
      },
    });
    expect(chatCostUsd(pricing, 'gpt-4o-mini', 1_000_000, 1_000_000)).to.equal(3);
    expect(chatCostUsd(pricing, 'local-llm', 5, 5)).to.equal(0);
    expect(chatCostUsd(pricing, 'gpt-4o', 1_000_000, 0)).to.equal(2.5);
  });
});
