import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { briefSchema, getStyle, LocalArtifactStore, type Brief, type BriefInput } from '@looply/core';

/** A recorded-style vendor body from this folder. */
export async function loadFixture<T = Record<string, unknown>>(name: string): Promise<T> {
  return JSON.parse(await readFile(new URL(`./${name}`, import.meta.url), 'utf8')) as T;
}

export function makeBrief(input: Partial<BriefInput> = {}): Brief {
  return briefSchema.parse({ topic: 'solar power', tone: 'enthusiastic', durationSec: 30, ...input });
}

export interface TestArtifacts {
  store: LocalArtifactStore;
  root: string;
  cleanup(): Promise<void>;
}

export async function temporaryArtifacts(): Promise<TestArtifacts> {
  const root = await mkdtemp(join(tmpdir(), 'looply-openai-test-'));
  return { store: new LocalArtifactStore(root), root, cleanup: () => rm(root, { recursive: true, force: true }) };
}

export function scriptCall(
  brief: Brief,
  artifacts: LocalArtifactStore,
  overrides: {
    idempotencyKey?: string;
    abortSignal?: AbortSignal;
    providerOptions?: Record<string, Record<string, unknown>>;
  } = {},
) {
  return {
    brief,
    style: getStyle(brief.style),
    abortSignal: overrides.abortSignal ?? new AbortController().signal,
    idempotencyKey: overrides.idempotencyKey ?? 'job-1:script',
    artifacts,
    artifactPrefix: 'jobs/job-1/script',
    providerOptions: overrides.providerOptions,
  };
}
