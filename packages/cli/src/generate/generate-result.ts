import type { JobUsage, QualityReport, StepKind, TerminalJobStatus } from '@looply/core';

/** The one object `looply generate --json` prints on stdout. */
export interface GenerateResult {
  /** Null when the run failed before a job was created (database, configuration). */
  jobId: string | null;
  status: TerminalJobStatus;
  /** Absolute path of the written MP4, when COMPLETED. */
  videoPath: string | null;
  durationSec: number | null;
  width: number | null;
  height: number | null;
  /** Provider id used per step. */
  providers: Partial<Record<StepKind, string>>;
  /** Usage per step (tokens, characters, seconds, cost) and the total cost when known. */
  usage: { byStep: JobUsage['byStep']; totalCostUsd: number | null };
  /** When COMPLETED: the output-standards check the worker ran after assembly (as `looply check`), null if it did not run. */
  quality?: QualityReport | null;
  /** When COMPLETED: the job's timeline beside the video (`<video>.timeline.json`), for `looply check`. */
  timelineFile?: string | null;
  /** Standards the video fails (warnings unless --strict), or why the check could not run. */
  warnings?: string[];
  /** Present when FAILED or CANCELLED: which step and provider, and why. */
  error?: { step?: StepKind; provider?: string; message: string; code?: string };
}

/** One human line for a failure: `voice step failed (provider local): espeak-ng exited with code 1`. */
export function describeFailure(error: NonNullable<GenerateResult['error']>): string {
  const where = error.step
    ? `${error.step} step failed${error.provider ? ` (provider ${error.provider})` : ''}`
    : 'failed';
  return `${where}: ${error.message}${error.code ? ` [${error.code}]` : ''}`;
}
