import type { z } from 'zod';
import { LooplyError } from '../../errors/looply-error.js';
import { describeZodError } from '../../errors/validation.js';
import type { JsonValue, StartResultV1 } from '../../spec/shared/v1/long-running-v1.js';
import type { StepMetadata } from '../step-keys.js';
import { describeStep, type StepRunState } from '../step-run-state.js';
import type { ExecutionOutcome } from './step-descriptor.js';

export function invalidOutput(step: StepRunState, detail: string): LooplyError {
  return new LooplyError(
    'invalid-provider-output',
    `${describeStep(step)} provider "${step.provider}" returned an invalid result: ${detail}`,
  );
}

/** Validates what a provider returned; an invalid result fails the step (never retried: the provider is wrong). */
export function validateOutput<Schema extends z.ZodType>(
  step: StepRunState,
  schema: Schema,
  value: unknown,
): z.output<Schema> & JsonValue {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data as z.output<Schema> & JsonValue;
  throw invalidOutput(step, describeZodError(parsed.error, 'result'));
}

/** Metadata must be a JSON object: it is merged into the job's metadata. */
export function metadataOf(step: StepRunState, metadata: unknown, method: string): StepMetadata | undefined {
  if (metadata === undefined) return undefined;
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata))
    throw invalidOutput(step, `${method} returned metadata that is not an object`);
  try {
    return JSON.parse(JSON.stringify(metadata)) as StepMetadata;
  } catch (error) {
    throw invalidOutput(
      step,
      `${method} returned metadata that is not JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** The outcome of a long-running provider's `doStart`, checked. */
export function startedOutcome(step: StepRunState, started: StartResultV1): ExecutionOutcome {
  if (typeof started.externalId !== 'string' || started.externalId.length === 0)
    throw invalidOutput(step, 'doStart returned no externalId');
  if (started.operation === undefined) throw invalidOutput(step, 'doStart returned no operation');
  const metadata = metadataOf(step, started.metadata, 'doStart');
  return {
    type: 'started',
    operation: started.operation,
    externalId: started.externalId,
    pollAfterMs: started.pollAfterMs,
    usage: started.usage ?? {},
    ...(metadata ? { metadata } : {}),
  };
}
