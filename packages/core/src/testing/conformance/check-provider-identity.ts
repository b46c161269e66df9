import assert from 'node:assert/strict';
import type { StepKind } from '../../domain/brief.js';
import { describeValue } from './describe-value.js';

const METHODS: Record<StepKind, { short: string[]; longRunning?: string[] }> = {
  script: { short: ['doGenerate'] },
  voice: { short: ['doSynthesize'] },
  visual: { short: ['doGenerate'], longRunning: ['doStart', 'doStatus'] },
  assembly: { short: ['doGenerate'], longRunning: ['doStart', 'doStatus'] },
};

/** `specificationVersion: 'v1'`, the right `kind`, a non-empty provider id and the methods of its mode. */
export function checkProviderIdentity(provider: unknown, kind: StepKind): void {
  assert.ok(
    provider !== null && typeof provider === 'object',
    `createProvider() must return a ${kind} provider object, got ${describeValue(provider)}`,
  );
  const candidate = provider as Record<string, unknown>;
  assert.equal(
    candidate.specificationVersion,
    'v1',
    `${kind} provider: specificationVersion must be 'v1', got ${describeValue(candidate.specificationVersion)}`,
  );
  assert.equal(candidate.kind, kind, `${kind} provider: kind must be '${kind}', got ${describeValue(candidate.kind)}`);
  assert.ok(
    typeof candidate.provider === 'string' && candidate.provider.trim().length > 0,
    `${kind} provider: provider must be a non-empty string id, got ${describeValue(candidate.provider)}`,
  );
  const methods = METHODS[kind];
  let required = methods.short;
  if (methods.longRunning) {
    assert.ok(
      candidate.mode === 'short' || candidate.mode === 'long-running',
      `${kind} provider "${String(candidate.provider)}": mode must be 'short' or 'long-running', got ${describeValue(candidate.mode)}`,
    );
    if (candidate.mode === 'long-running') required = methods.longRunning;
    for (const optional of ['parseWebhook', 'doCancel']) {
      if (candidate.mode === 'long-running' && candidate[optional] !== undefined) {
        assert.equal(
          typeof candidate[optional],
          'function',
          `${kind} provider "${String(candidate.provider)}": ${optional}, when present, must be a function`,
        );
      }
    }
  }
  for (const method of required) {
    assert.equal(
      typeof candidate[method],
      'function',
      `${kind} provider "${String(candidate.provider)}": ${method} must be a function`,
    );
  }
}
