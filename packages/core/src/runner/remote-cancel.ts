import type Logger from 'bunyan';
import type { StepExecutor } from './step-executor.js';
import { describeStep, type StepRunState } from './step-run-state.js';

/** Limits a remote cancel that no step signal covers. */
const REMOTE_CALL_TIMEOUT_MS = 60_000;

/** Best effort: asks providers to stop the remote work of steps that were waiting when their job ended. */
export class RemoteCancel {
  constructor(
    private readonly executor: StepExecutor,
    private readonly logger: Logger,
  ) {}

  async cancel(steps: StepRunState[]): Promise<void> {
    for (const step of steps) {
      if (step.operation === null || !this.executor.mayRunLong(step)) continue;
      try {
        const cancelled = await this.executor.cancelRemote(step, AbortSignal.timeout(REMOTE_CALL_TIMEOUT_MS));
        this.logger.info(
          { jobId: step.jobId, step: describeStep(step), provider: step.provider, cancelled },
          'remote work cancel requested',
        );
      } catch (error) {
        this.logger.warn({ err: error, jobId: step.jobId, step: describeStep(step) }, 'remote cancel failed');
      }
    }
  }
}
