import { writeFile } from 'node:fs/promises';
import type { Engine, JobView, QualityReport } from '@looply/core';
import { describeFailedStandard, TIMELINE_SIDECAR_SUFFIX } from '../commands/check-command.js';

export interface GeneratedVideoQuality {
  /** The report of the check, or null when it did not run (the reason is in `warnings`). */
  quality: QualityReport | null;
  /** The sidecar timeline written beside the video, or null when the job has none. */
  timelineFile: string | null;
  /** One line per standard the video fails, or why the check did not run. */
  warnings: string[];
}

/**
 * What `looply generate` reports once the video is copied out: the output check the worker ran
 * after assembly (kept in the job's result), and the timeline it rendered written beside the video
 * as `<video>.timeline.json`, so a later `looply check <video>` finds it. Never throws: a video
 * without a report is a warning, not a failed job.
 */
export async function qualityOfGeneratedVideo(
  engine: Engine,
  job: JobView,
  videoPath: string,
): Promise<GeneratedVideoQuality> {
  let timelineFile: string | null = null;
  const warnings: string[] = [];
  try {
    const timeline = await engine.renderedTimeline(job.id);
    if (timeline) {
      timelineFile = `${videoPath}${TIMELINE_SIDECAR_SUFFIX}`;
      await writeFile(timelineFile, `${JSON.stringify(timeline)}\n`, 'utf8');
    }
  } catch (error) {
    warnings.push(`the timeline could not be written beside the video: ${(error as Error).message}`);
  }
  const check = job.result?.quality;
  if (!check)
    return {
      quality: null,
      timelineFile,
      warnings: [...warnings, 'the quality check did not run (LOOPLY_QUALITY_CHECK=off, or a remote assembler)'],
    };
  if (check.status === 'not-measured')
    return { quality: null, timelineFile, warnings: [...warnings, `the quality check could not run: ${check.reason}`] };
  // The report names the stored artifact; the user's copy is the same file.
  const quality = { ...check.report, file: videoPath };
  const failed = quality.standards.filter((standard) => standard.passed === false).map(describeFailedStandard);
  return { quality, timelineFile, warnings: [...warnings, ...failed] };
}
