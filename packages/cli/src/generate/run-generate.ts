import { copyFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type Logger from 'bunyan';
import type { DependencyContainer } from 'tsyringe';
import { isTerminalJobStatus, LooplyError, type Engine, type JobView } from '@looply/core';
import { closeCommandScope } from '../composition/composition-root.js';
import type { EngineFactory } from '../composition/engine-factory.js';
import { TOKENS } from '../composition/tokens.js';
import { EXIT_CODES } from '../exit-codes.js';
import { handleInterrupts } from '../interrupt-handler.js';
import { qualityOfGeneratedVideo } from './generated-video-quality.js';
import { describeFailure, type GenerateResult } from './generate-result.js';
import type { GenerateOptions } from './generate-options.js';
import { createProgressDisplay, silentProgress, type ProgressDisplay } from './progress-display.js';
import type { OutputStream } from '../output-stream.js';

export interface GenerateContext {
  stdout: OutputStream;
  stderr: OutputStream;
  cwd: string;
}

/** How long a cancelled job may take to wind down after Ctrl-C before we stop anyway. */
const CANCEL_GRACE_MS = 20_000;

/**
 * `looply generate` once options and configuration are valid: database (embedded unless
 * DATABASE_URL), engine with in-process workers, submit, follow, copy the video to `--out`.
 * Returns the exit code: 0 completed, 1 failed, 130 interrupted.
 */
export async function runGenerate(
  options: GenerateOptions,
  scope: DependencyContainer,
  context: GenerateContext,
): Promise<number> {
  const logger = scope.resolve<Logger>(TOKENS.Logger);
  const progress: ProgressDisplay = options.json ? silentProgress : createProgressDisplay(context.stderr);
  const interruption = new AbortController();
  let engine: Engine | undefined;
  let jobId: string | null = null;

  const removeInterruptHandlers = handleInterrupts((signal) => {
    logger.info({ jobId, signal }, 'interrupted: cancelling the job');
    interruption.abort();
  }, EXIT_CODES.interrupted);

  const finish = (result: GenerateResult): number => {
    progress.stop();
    if (options.json) context.stdout.write(JSON.stringify(result) + '\n');
    else if (result.status === 'COMPLETED') {
      context.stdout.write(
        `Video written to ${result.videoPath} (${result.durationSec?.toFixed(1)} s, ${result.width}x${result.height})\n`,
      );
      for (const warning of result.warnings ?? [])
        context.stderr.write(`looply generate: ${options.strict ? 'error' : 'warning'}: ${warning}\n`);
      if (result.quality && !result.quality.passed)
        context.stderr.write(
          `looply generate: the video fails ${result.quality.failed.length} output standard(s); the table: looply check ${result.videoPath}\n`,
        );
      if (result.quality?.passed)
        context.stderr.write(
          `Output standards: all ${result.quality.standards.length - result.quality.notMeasured.length} measured standards met (looply check ${result.videoPath})\n`,
        );
    } else if (result.error) {
      context.stderr.write(
        `looply generate: job ${result.jobId ?? '(none)'} ${result.status.toLowerCase()}: ${describeFailure(result.error)}\n`,
      );
    }
    if (interruption.signal.aborted) return EXIT_CODES.interrupted;
    if (result.status === 'COMPLETED' && options.strict && result.quality?.passed !== true) return EXIT_CODES.failure;
    return result.status === 'COMPLETED' ? EXIT_CODES.success : EXIT_CODES.failure;
  };
  const interruptedBeforeSubmit = () => finish(setupFailure('interrupted before the job was created', 'interrupted'));

  try {
    engine = await scope.resolve<EngineFactory>(TOKENS.EngineFactory).create({
      worker: { concurrency: options.concurrency },
    });
    if (interruption.signal.aborted) return interruptedBeforeSubmit();
    await engine.start();
    if (interruption.signal.aborted) return interruptedBeforeSubmit();

    const job = await followJob(engine, options.brief, progress, interruption.signal, (id) => (jobId = id), logger);
    const result = await resultOf(engine, job, options, context);
    // The worker checked the video right after assembly: its report is in the job's result.
    if (result.status === 'COMPLETED' && result.videoPath)
      Object.assign(result, await qualityOfGeneratedVideo(engine, job, result.videoPath));
    return finish(result);
  } catch (error) {
    logger.error({ err: error, jobId }, 'generate failed');
    const code = error instanceof LooplyError ? error.code : undefined;
    const message = error instanceof Error ? error.message : String(error);
    return finish({ ...setupFailure(message, code), jobId });
  } finally {
    removeInterruptHandlers();
    progress.stop();
    await engine?.stop().catch((error: unknown) => logger.warn({ err: error }, 'engine stop failed'));
    await closeCommandScope(scope).catch((error: unknown) => logger.warn({ err: error }, 'database stop failed'));
  }
}

/**
 * Submits the brief and resolves with the job once it has ended (`engine.follow`: events from any
 * process, the job re-read as a safety net). This process's workers start only once the follow
 * listens, so no event of the job comes before it. On interruption the job is cancelled, and we
 * wait (at most CANCEL_GRACE_MS) for it to record CANCELLED.
 */
async function followJob(
  engine: Engine,
  brief: GenerateOptions['brief'],
  progress: ProgressDisplay,
  interrupted: AbortSignal,
  onSubmitted: (jobId: string) => void,
  logger: Logger,
): Promise<JobView> {
  let jobId: string | undefined;
  const stopFollowing = new AbortController();
  let graceTimer: NodeJS.Timeout | undefined;
  const cancel = (): void => {
    if (!jobId) return;
    void engine.cancel(jobId).catch((error: unknown) => logger.warn({ err: error, jobId }, 'cancel failed'));
    graceTimer ??= setTimeout(() => stopFollowing.abort(), CANCEL_GRACE_MS);
  };
  interrupted.addEventListener('abort', cancel, { once: true });
  try {
    const submitted = await engine.submit(brief);
    jobId = submitted.id;
    onSubmitted(jobId);
    if (interrupted.aborted) cancel();
    const follow = engine.follow(jobId, {
      signal: stopFollowing.signal,
      // The engine was created with the --concurrency workers: start them now that we listen.
      onStart: () => (interrupted.aborted ? undefined : engine.startWorkers()),
    });
    return await follow.untilEnd((event) => progress.onEvent(event));
  } finally {
    clearTimeout(graceTimer);
    interrupted.removeEventListener('abort', cancel);
  }
}

async function resultOf(
  engine: Engine,
  job: JobView,
  options: GenerateOptions,
  context: GenerateContext,
): Promise<GenerateResult> {
  const base: GenerateResult = {
    jobId: job.id,
    // A job left unfinished (the run was interrupted) is reported as cancelled.
    status: isTerminalJobStatus(job.status) ? job.status : 'CANCELLED',
    videoPath: null,
    durationSec: null,
    width: null,
    height: null,
    providers: job.providers,
    usage: { byStep: job.usage.byStep, totalCostUsd: job.usage.totalCostUsd ?? null },
  };
  if (job.status === 'COMPLETED' && job.result) {
    const videoPath = options.out ?? resolve(context.cwd, `looply-${job.id}.mp4`);
    await copyFile(await engine.artifacts.localPath(job.result.video.key), videoPath);
    return {
      ...base,
      videoPath,
      durationSec: job.result.durationSec,
      width: job.result.width,
      height: job.result.height,
    };
  }
  const error = job.error ?? {
    message: job.status === 'CANCELLED' ? 'the job was cancelled' : `the job ended as ${job.status}`,
  };
  return { ...base, status: base.status === 'COMPLETED' ? 'FAILED' : base.status, error };
}

function setupFailure(message: string, code?: string): GenerateResult {
  return {
    jobId: null,
    status: code === 'interrupted' ? 'CANCELLED' : 'FAILED',
    videoPath: null,
    durationSec: null,
    width: null,
    height: null,
    providers: {},
    usage: { byStep: {}, totalCostUsd: null },
    error: { message, code },
  };
}
