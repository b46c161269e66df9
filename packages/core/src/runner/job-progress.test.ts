import { expect } from 'chai';
import type { StepKind } from '../domain/brief.js';
import type { StepStatus } from '../persistence/job-status.js';
import { computeProgress, computeProgressWithin } from './job-progress.js';

const step = (kind: StepKind, status: StepStatus) => ({ step: kind, status });

describe('computeProgress', () => {
  it('weights script 10, voice 20, visuals 50 split per scene and assembly 20', () => {
    expect(computeProgress([step('script', 'RUNNING')])).to.equal(0);
    expect(computeProgress([step('script', 'COMPLETED'), step('voice', 'RUNNING')])).to.equal(10);
    const visuals = [
      step('visual', 'COMPLETED'),
      step('visual', 'WAITING'),
      step('visual', 'PENDING'),
      step('visual', 'COMPLETED'),
    ];
    expect(computeProgress([step('script', 'COMPLETED'), step('voice', 'COMPLETED'), ...visuals])).to.equal(55);
    const all = [
      step('script', 'COMPLETED'),
      step('voice', 'COMPLETED'),
      step('visual', 'COMPLETED'),
      step('assembly', 'COMPLETED'),
    ];
    expect(computeProgress(all)).to.equal(100);
  });

  it('rounds down so 100 means assembled', () => {
    const visuals = [step('visual', 'COMPLETED'), step('visual', 'COMPLETED'), step('visual', 'PENDING')];
    expect(computeProgress([step('script', 'COMPLETED'), step('voice', 'COMPLETED'), ...visuals])).to.equal(63);
  });
});

describe('computeProgressWithin', () => {
  it('adds the running step’s done share (a visual’s is its scene’s) and stays below 100 until assembled', () => {
    const beforeAssembly = [
      step('script', 'COMPLETED'),
      step('voice', 'COMPLETED'),
      step('visual', 'COMPLETED'),
      step('assembly', 'RUNNING'),
    ];
    expect(computeProgressWithin(beforeAssembly, 'assembly', 0.5)).to.equal(90);
    expect(computeProgressWithin(beforeAssembly, 'assembly', 1)).to.equal(99);
    const visuals = [
      step('script', 'COMPLETED'),
      step('voice', 'COMPLETED'),
      step('visual', 'RUNNING'),
      step('visual', 'PENDING'),
    ];
    expect(computeProgressWithin(visuals, 'visual', 0.5)).to.equal(42);
  });
});
