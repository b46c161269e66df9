import { z } from 'zod';
import { throwIfAborted } from '../errors/provider-error.js';
import { parseWith } from '../errors/validation.js';
import { abortableDelay } from './abortable-delay.js';

/** Options every mock provider accepts. */
export interface MockProviderOptions<CallOptions> {
  /** Provider id reported by the mock. Default `mock`. */
  id?: string;
  /** How long each call takes; the wait ends early with `AbortedError` when the call is aborted. Default 0. */
  delayMs?: number;
  /** Thrown one by one on successive calls (first call throws the first error) before calls succeed. */
  failures?: Error[];
  /** Called with the call's options before anything else happens (after the call is recorded). */
  onCall?: (options: CallOptions) => void | Promise<void>;
}

export const mockProviderOptionsSchema = z.strictObject({
  id: z.string().min(1).default('mock'),
  delayMs: z.number().int().min(0).default(0),
  failures: z.array(z.instanceof(Error)).default([]),
  onCall: z
    .custom<(options: never) => unknown>((value) => typeof value === 'function', 'must be a function')
    .optional(),
});

export function parseMockOptions<Schema extends z.ZodType>(
  schema: Schema,
  options: unknown,
  where: string,
): z.output<Schema> {
  return parseWith(schema, options ?? {}, `${where} options`);
}

/**
 * The shared behaviour of a mock call: record the options, run the hook, honour the abort
 * signal and the delay, then throw the next queued failure if any.
 */
export class MockCallRecorder<CallOptions extends { abortSignal: AbortSignal }> {
  readonly calls: CallOptions[] = [];
  private readonly pendingFailures: Error[];

  constructor(
    private readonly settings: {
      delayMs: number;
      failures: Error[];
      onCall?: (options: CallOptions) => void | Promise<void>;
    },
  ) {
    this.pendingFailures = [...settings.failures];
  }

  async enter(options: CallOptions): Promise<void> {
    this.calls.push(options);
    await this.settings.onCall?.(options);
    throwIfAborted(options.abortSignal);
    await abortableDelay(this.settings.delayMs, options.abortSignal);
    const failure = this.pendingFailures.shift();
    if (failure) throw failure;
    throwIfAborted(options.abortSignal);
  }
}
