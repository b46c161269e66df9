import type Logger from 'bunyan';
import type { ArtifactRef } from '../artifacts/artifact-ref.js';
import type { ArtifactStore } from '../artifacts/artifact-store.js';
import { describeZodError } from '../errors/validation.js';
import type { Timeline } from '../timeline/timeline.js';
import { qualityReportSchema, type QualityCheck, type QualityReport } from './quality-report.js';

/** What the output check gets: the finished video (its artifact and a local copy) and the timeline it rendered. */
export interface OutputCheckInput {
  video: ArtifactRef;
  /** A local file of the video (`ArtifactStore.localPath`), for tools that read files. */
  videoPath: string;
  /** The assembly step's own input: what the assembler was asked to render. */
  timeline: Timeline;
  abortSignal: AbortSignal;
}

/**
 * Measures a finished video against the output standards. Injected into the engine
 * (`EngineOptions.outputCheck`); core declares it and never implements it, so it depends on no
 * measuring tool (`@looply/providers-local` has ffmpeg's).
 */
export type OutputCheck = (input: OutputCheckInput) => Promise<QualityReport>;

/**
 * Runs the check and keeps what it says. A check that throws (a tool missing, a bad report) is
 * recorded as not measured with the reason and logged: it never fails a finished video. An abort
 * (cancel, shutdown, a lost lease) is rethrown, so the step stops like any other work.
 */
export async function runOutputCheck(
  check: OutputCheck,
  input: Omit<OutputCheckInput, 'videoPath'> & { artifacts: ArtifactStore },
  log: Logger,
): Promise<QualityCheck> {
  const { artifacts, ...rest } = input;
  try {
    const videoPath = await artifacts.localPath(input.video.key);
    const parsed = qualityReportSchema.safeParse(await check({ ...rest, videoPath }));
    if (!parsed.success)
      throw new Error(`the check returned an invalid report: ${describeZodError(parsed.error, 'report')}`);
    return { status: 'measured', report: parsed.data };
  } catch (error) {
    if (input.abortSignal.aborted) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    log.warn({ err: error, video: input.video.key }, 'the output check could not run: the video is kept unmeasured');
    return { status: 'not-measured', reason };
  }
}
