import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { QualityReport, QualityStandardResult, QualityTimeline } from '@looply/providers-local';
import { EXIT_CODES } from '../exit-codes.js';
import type { OutputStream } from '../output-stream.js';

export interface CheckContext {
  stdout: OutputStream;
  stderr: OutputStream;
  environment: Record<string, string | undefined>;
  cwd: string;
}

/** What commander hands over for `looply check`. */
export interface RawCheckOptions {
  timeline?: string;
  json?: boolean;
}

/** What `looply check --json` prints: the report, plus where its timeline came from. */
export interface CheckResult extends QualityReport {
  /** The timeline file used (given with --timeline, or the sidecar `<video>.timeline.json`); null without one. */
  timelineFile: string | null;
}

/** Suffix of the sidecar `looply generate` writes beside the video: `video.mp4.timeline.json`. */
export const TIMELINE_SIDECAR_SUFFIX = '.timeline.json';

/** Registers `looply check <video>`; `setExitCode` receives 0 (all pass), 1 (a standard failed) or 2 (bad input). */
export function addCheckCommand(program: Command, context: CheckContext, setExitCode: (code: number) => void): void {
  program
    .command('check')
    .description('measure a video against the output standards (loudness, captions, black/frozen frames, container)')
    .argument('<video>', 'the MP4 to measure')
    .option('--timeline <file>', `the job's Timeline as JSON (default: <video>${TIMELINE_SIDECAR_SUFFIX} when present)`)
    .option('--json', 'print one JSON object instead of the table')
    .action(async (video: string, raw: RawCheckOptions) => {
      setExitCode(await runCheck(video, raw, context));
    });
}

/**
 * `looply check`: measures the video (ffmpeg's analysers), prints the pass/fail table or one JSON
 * object, and returns the exit code: 0 when every measured standard passes, 1 when one fails,
 * 2 when the video or the timeline cannot be read.
 */
export async function runCheck(video: string, raw: RawCheckOptions, context: CheckContext): Promise<number> {
  // Loaded only now: registering the command costs nothing to the other commands.
  const { formatQualityReport, measureVideo, readTimelineFile } = await import('@looply/providers-local');
  const file = resolve(context.cwd, video);
  let timelineFile: string | null = null;
  let timeline: QualityTimeline | undefined;
  try {
    if (raw.timeline !== undefined) timelineFile = resolve(context.cwd, raw.timeline);
    else if (await isFile(`${file}${TIMELINE_SIDECAR_SUFFIX}`)) timelineFile = `${file}${TIMELINE_SIDECAR_SUFFIX}`;
    if (timelineFile) timeline = await readTimelineFile(timelineFile);
  } catch (error) {
    context.stderr.write(`looply check: --timeline: ${(error as Error).message}\n`);
    return EXIT_CODES.usage;
  }

  let report: QualityReport;
  try {
    report = await measureVideo(file, {
      timeline,
      ffmpegPath: nonEmpty(context.environment.FFMPEG_PATH),
      ffprobePath: nonEmpty(context.environment.FFPROBE_PATH),
    });
  } catch (error) {
    const code = looplyErrorCode(error);
    const badInput = code === 'invalid-input' || code === 'validation';
    context.stderr.write(`looply check: ${(error as Error).message}\n`);
    return badInput ? EXIT_CODES.usage : EXIT_CODES.failure;
  }

  if (raw.json) {
    const result: CheckResult = { ...report, timelineFile };
    context.stdout.write(`${JSON.stringify(result)}\n`);
  } else {
    const source = timelineFile ? `timeline ${timelineFile}` : 'no timeline: captions and scenes not measured';
    context.stdout.write(`looply check ${file} (${source})\n\n${formatQualityReport(report)}\n`);
  }
  return report.passed ? EXIT_CODES.success : EXIT_CODES.failure;
}

/** `Integrated loudness: -18.2 LUFS (limit -14 ± 1 LUFS)`. */
export function describeFailedStandard(standard: QualityStandardResult): string {
  return `${standard.label}: ${standard.measured} (limit ${standard.limit})`;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim() ? value.trim() : undefined;
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (entry) => entry.isFile(),
    () => false,
  );
}

/**
 * The code of a LooplyError. Read by name rather than `instanceof`: the library is loaded lazily,
 * and a test runner mixing module loaders may hold two copies of the class.
 */
function looplyErrorCode(error: unknown): string | undefined {
  if (!(error instanceof Error) || error.name !== 'LooplyError') return undefined;
  const { code } = error as Error & { code?: unknown };
  return typeof code === 'string' ? code : undefined;
}
