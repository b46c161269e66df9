import type { StepKind } from '../domain/brief.js';
import type { JobUsage } from '../persistence/job-columns.js';
import { USAGE_FIELDS, type UsageV1 } from '../spec/shared/v1/usage-v1.js';

/** Field-wise sum; a field absent from every part stays absent. */
export function addUsage(...parts: Array<UsageV1 | null | undefined>): UsageV1 {
  const total: UsageV1 = {};
  for (const part of parts) {
    if (!part) continue;
    for (const field of USAGE_FIELDS) {
      const value = part[field];
      if (typeof value === 'number' && Number.isFinite(value)) total[field] = (total[field] ?? 0) + value;
    }
  }
  return total;
}

/** Usage per step kind (scenes summed) and the total known cost of a job. */
export function summarizeUsage(steps: ReadonlyArray<{ step: StepKind; usage: UsageV1 | null }>): JobUsage {
  const byStep: Partial<Record<StepKind, UsageV1>> = {};
  for (const step of steps) {
    if (!step.usage) continue;
    byStep[step.step] = addUsage(byStep[step.step], step.usage);
  }
  const totalCostUsd = Object.values(byStep).reduce((sum, usage) => sum + (usage?.costUsd ?? 0), 0);
  return { byStep, totalCostUsd: Math.round(totalCostUsd * 1e6) / 1e6 };
}
