import type { StepKind } from '../../domain/brief.js';
import type { CallOptionsV1 } from '../../spec/shared/v1/call-options-v1.js';
import { checkAbortedCall } from './check-aborted-call.js';
import { checkIdempotencyKeySeen } from './check-idempotency-key.js';
import { checkProviderIdentity } from './check-provider-identity.js';
import { checkErrorCase } from './check-provider-error.js';
import type { ConformanceErrorCase } from './conformance-options.js';
import type { ConformanceCheck } from './conformance-suite.js';
import { abortedSignal, conformanceCallOptions, type ConformanceWorkspace } from './conformance-workspace.js';

/** Calls the provider once with these options: the full call, or for long-running providers only `doStart` when `startOnly`. */
export type ProviderInvoker<Provider> = (
  provider: Provider,
  call: CallOptionsV1,
  settings: { startOnly: boolean },
) => Promise<unknown>;

export interface SharedChecksInput<Provider> {
  kind: StepKind;
  createProvider: () => Provider | Promise<Provider>;
  errorCases: ConformanceErrorCase[];
  idempotencyKeySeen?: (key: string) => boolean | Promise<boolean>;
  timeoutMs: number;
  workspace: ConformanceWorkspace;
  invoke: ProviderInvoker<Provider>;
}

/** Time the test runner allows a check: the call's budget plus room for preparing inputs. */
export function checkTimeout(timeoutMs: number): number {
  return timeoutMs + 10_000;
}

/** Creates the provider and checks who it says it is before any call. */
export async function createCheckedProvider<Provider>(
  kind: StepKind,
  createProvider: () => Provider | Promise<Provider>,
): Promise<Provider> {
  const provider = await createProvider();
  checkProviderIdentity(provider, kind);
  return provider;
}

/**
 * The full check list of a kind: IDENTITY, then the kind's own checks (shape, timing…), then the
 * checks every kind shares: ABORT, ERROR MAPPING and IDEMPOTENCY KEY.
 */
export function conformanceChecks<Provider extends { provider: string }>(
  input: SharedChecksInput<Provider>,
  kindChecks: ConformanceCheck[],
): ConformanceCheck[] {
  const { kind, workspace, invoke } = input;
  const timeoutMs = checkTimeout(input.timeoutMs);
  const provider = (): Promise<Provider> => createCheckedProvider(kind, input.createProvider);
  const checks: ConformanceCheck[] = [
    {
      id: 'identity',
      title: `declares specificationVersion 'v1', kind '${kind}', a provider id and the methods of its mode`,
      timeoutMs,
      run: async () => {
        checkProviderIdentity(await input.createProvider(), kind);
      },
    },
    ...kindChecks,
    {
      id: 'abort',
      title:
        'rejects with AbortedError and writes no artifact when the abort signal has already fired (long-running: doStart)',
      timeoutMs,
      run: async () => {
        const subject = await provider();
        const artifacts = await workspace.artifacts();
        const call = conformanceCallOptions(artifacts, `${kind}-abort`, abortedSignal());
        await checkAbortedCall(() => invoke(subject, call, { startOnly: true }), {
          artifacts,
          artifactPrefix: call.artifactPrefix,
          timeoutMs: input.timeoutMs,
          where: `${kind} provider called with an aborted signal`,
        });
      },
    },
  ];
  if (input.errorCases.length === 0) {
    checks.push({
      id: 'error-cases',
      title: 'maps vendor failures to ProviderError with the right retryable and retryAfterMs',
      skipReason:
        'no errorCases given; pass the vendor failures (429, 401, 5xx…) and the ProviderError each must become',
      timeoutMs,
      run: async () => undefined,
    });
  }
  for (const errorCase of input.errorCases) {
    checks.push({
      id: `error:${errorCase.name}`,
      title: `maps "${errorCase.name}" to a ProviderError (retryable: ${errorCase.expect.retryable}${errorCase.expect.retryAfterMs !== undefined ? `, retryAfterMs: ${errorCase.expect.retryAfterMs}` : ''})`,
      timeoutMs,
      run: async () => {
        const subject = await provider();
        const artifacts = await workspace.artifacts();
        const call = conformanceCallOptions(artifacts, `${kind}-error`);
        await checkErrorCase(
          errorCase,
          () => invoke(subject, call, { startOnly: false }),
          subject.provider,
          input.timeoutMs,
        );
      },
    });
  }
  const idempotencyKeySeen = input.idempotencyKeySeen;
  checks.push({
    id: 'idempotency-key',
    title: 'passes the idempotency key through to the vendor',
    skipReason: idempotencyKeySeen
      ? undefined
      : 'no idempotencyKeySeen option; pass one that looks the key up in the fake vendor’s request log',
    timeoutMs,
    run: async () => {
      if (!idempotencyKeySeen) return;
      const subject = await provider();
      const artifacts = await workspace.artifacts();
      const call = conformanceCallOptions(artifacts, `${kind}-idempotency`);
      await invoke(subject, call, { startOnly: false });
      await checkIdempotencyKeySeen(call.idempotencyKey, idempotencyKeySeen, `${kind} provider "${subject.provider}"`);
    },
  });
  return checks;
}
