import { expect } from 'chai';
import { addUsage, summarizeUsage } from './usage-totals.js';

describe('usage totals', () => {
  it('adds usage field by field and leaves absent fields absent', () => {
    expect(addUsage({ inputTokens: 10, costUsd: 0.1 }, null, { inputTokens: 5, images: 1 })).to.deep.equal({
      inputTokens: 15,
      costUsd: 0.1,
      images: 1,
    });
    expect(addUsage()).to.deep.equal({});
  });

  it('sums visual scenes into one visual entry and totals the known cost', () => {
    const summary = summarizeUsage([
      { step: 'script', usage: { outputTokens: 100, costUsd: 0.002 } },
      { step: 'voice', usage: { characters: 300, costUsd: 0.09 } },
      { step: 'visual', usage: { gpuSeconds: 40, costUsd: 0.1 } },
      { step: 'visual', usage: { gpuSeconds: 35, costUsd: 0.1 } },
      { step: 'assembly', usage: null },
    ]);
    expect(summary.byStep).to.deep.equal({
      script: { outputTokens: 100, costUsd: 0.002 },
      voice: { characters: 300, costUsd: 0.09 },
      visual: { gpuSeconds: 75, costUsd: 0.2 },
    });
    expect(summary.totalCostUsd).to.equal(0.292);
  });
});
