import { z } from 'zod';
import type { ArtifactStore } from '../../artifacts/artifact-store.js';
import { parseWith } from '../../errors/validation.js';

/** A vendor failure the suite provokes (through `arrange`) and the `ProviderError` it must map to. */
export interface ConformanceErrorCase {
  /** Names the case in the test title, e.g. `rate limited (429 with Retry-After: 2)`. */
  name: string;
  /** Makes the next vendor call fail, e.g. tells the fake server to answer 429. */
  arrange: () => void | Promise<void>;
  expect: {
    retryable: boolean;
    retryAfterMs?: number;
    /** A substring the error message must contain. */
    messageIncludes?: string;
  };
}

/** Options every conformance suite takes. */
export interface ConformanceOptions<Provider> {
  /** Makes a fresh provider; called once per check. Point it at a local fake vendor, never the network. */
  createProvider: () => Provider | Promise<Provider>;
  /** The store handed to the provider. Default: a `LocalArtifactStore` in a new temporary folder per check. */
  createArtifacts?: () => ArtifactStore | Promise<ArtifactStore>;
  /** Vendor failures and the `ProviderError` each must become. */
  errorCases?: ConformanceErrorCase[];
  /** Answers whether the vendor received this idempotency key (e.g. from the fake server's request log). */
  idempotencyKeySeen?: (key: string) => boolean | Promise<boolean>;
  /** Time allowed for one provider call (long-running: from `doStart` until `completed`). Default 60000. */
  timeoutMs?: number;
  /** The `describe` title. Default `<kind> provider conformance`. */
  title?: string;
}

const functionSchema = z.custom<(...args: never[]) => unknown>(
  (value) => typeof value === 'function',
  'must be a function',
);

export const conformanceErrorCaseSchema = z.strictObject({
  name: z.string().min(1),
  arrange: functionSchema,
  expect: z.strictObject({
    retryable: z.boolean(),
    retryAfterMs: z.number().min(0).optional(),
    messageIncludes: z.string().min(1).optional(),
  }),
});

export const conformanceOptionsSchema = z.strictObject({
  createProvider: functionSchema,
  createArtifacts: functionSchema.optional(),
  errorCases: z.array(conformanceErrorCaseSchema).default([]),
  idempotencyKeySeen: functionSchema.optional(),
  timeoutMs: z.number().int().positive().default(60_000),
  title: z.string().min(1).optional(),
});

/**
 * Validates a suite's options (unknown keys and wrong types throw, naming the suite) and returns
 * them with defaults applied; function values are kept as given, with their declared types.
 */
export function parseConformanceOptions<Options extends object, Defaulted extends keyof Options>(
  schema: z.ZodType,
  options: Options,
  caller: string,
): Options & Required<Pick<Options, Defaulted>> {
  return { ...options, ...(parseWith(schema, options, `${caller} options`) as object) } as Options &
    Required<Pick<Options, Defaulted>>;
}
