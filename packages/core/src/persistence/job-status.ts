/** Lifecycle of a video job. `WAITING`: every unfinished step is waiting on remote work. */
export const JOB_STATUSES = ['PENDING', 'RUNNING', 'WAITING', 'COMPLETED', 'FAILED', 'CANCELLED'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Lifecycle of one step run (one step of one job, one scene for visuals). */
export const STEP_STATUSES = ['PENDING', 'RUNNING', 'WAITING', 'COMPLETED', 'FAILED', 'CANCELLED'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export const TERMINAL_JOB_STATUSES = ['COMPLETED', 'FAILED', 'CANCELLED'] as const satisfies readonly JobStatus[];
/** A status a job does not leave on its own (only a retry moves a FAILED or CANCELLED job on). */
export type TerminalJobStatus = (typeof TERMINAL_JOB_STATUSES)[number];

/** Takes any string, so a status read from the API's JSON can be checked as it is. */
export function isTerminalJobStatus(status: string): status is TerminalJobStatus {
  return (TERMINAL_JOB_STATUSES as readonly string[]).includes(status);
}
