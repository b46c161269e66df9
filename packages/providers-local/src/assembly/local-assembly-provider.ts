import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AbortedError,
  ProviderError,
  parseWith,
  throwIfAborted,
  type AssemblyCallOptionsV1,
  type AssemblyResultV1,
  type ShortAssemblyProviderV1,
  type WarningV1,
} from '@looply/core';
import { callEncoding, validTimeline } from './assembly-call-inputs.js';
import { resolveFfmpegPath, resolveFfprobePath } from './ffmpeg-binaries.js';
import { inputArtifactPath } from './input-artifact-path.js';
import {
  DEFAULT_AUDIO_BITRATE_KBPS,
  localAssemblySettingsSchema,
  type LocalAssemblySettings,
} from './local-assembly-settings.js';
import { probeMedia } from './probe-media.js';
import { renderAudio } from './render-audio.js';
import { renderPoster } from './render-poster.js';
import { runFfmpeg } from './run-ffmpeg.js';
import { stageInput } from './stage-input.js';
import { stageMusic } from './stage-music.js';
import { stageVisuals } from './stage-visuals.js';
import { videoEncodeArgs } from './video-encode-args.js';
import { videoFilterGraph } from './video-filter-graph.js';
import { writeSubtitles } from './write-subtitles.js';

const PROVIDER = 'local';
/** Share of the progress bar taken by the audio passes (the video encode takes the rest). */
const AUDIO_PROGRESS_SHARE = 0.08;

/**
 * The offline assembler: renders a Timeline with one ffmpeg process (Ken Burns stills, looped or
 * trimmed clips, burned ASS captions, ducked music, −14 LUFS audio) into an H.264 High / AAC MP4
 * with `+faststart`, stored at `<artifactPrefix>/video.mp4`.
 */
export function createLocalAssemblyProvider(settings: LocalAssemblySettings = {}): ShortAssemblyProviderV1 {
  const config = parseWith(localAssemblySettingsSchema, settings, 'createLocalAssemblyProvider settings');
  return {
    specificationVersion: 'v1',
    kind: 'assembly',
    provider: PROVIDER,
    mode: 'short',
    doGenerate: (options) => renderTimeline(options, config),
  };
}

type ParsedSettings = ReturnType<typeof localAssemblySettingsSchema.parse>;

async function renderTimeline(options: AssemblyCallOptionsV1, settings: ParsedSettings): Promise<AssemblyResultV1> {
  throwIfAborted(options.abortSignal);
  const started = performance.now();
  const timeline = validTimeline(options.timeline);
  const warnings: WarningV1[] = [];
  const encoding = callEncoding(options, settings, warnings);
  const ffmpegPath = resolveFfmpegPath(settings.ffmpegPath);
  const ffprobePath = resolveFfprobePath(settings.ffprobePath);
  let reported = 0;
  const report = (fraction: number): void => {
    const clamped = Math.min(1, Math.max(reported, fraction));
    if (clamped === reported && fraction !== 1) return;
    reported = clamped;
    options.onProgress?.(clamped);
  };

  const work = await mkdtemp(join(settings.temporaryDirectory ?? tmpdir(), 'looply-assembly-'));
  try {
    const { artifacts, abortSignal } = options;
    const fps = timeline.output.fps;

    const { clips, inputArgs } = await stageVisuals(timeline, artifacts, work);
    const narrationFile = await stageInput(
      work,
      'narration',
      await inputArtifactPath(artifacts, timeline.narration.artifact.key, 'the narration'),
      timeline.narration.artifact.contentType,
    );
    const music = await stageMusic({
      timeline,
      artifacts,
      workDirectory: work,
      ffmpegPath,
      settings,
      abortSignal,
    });

    // Sound: mix, duck, normalise (short audio-only passes).
    const audio = await renderAudio({
      ffmpegPath,
      provider: PROVIDER,
      abortSignal,
      workDirectory: work,
      narration: { file: narrationFile, startSec: timeline.narration.startSec, volume: timeline.narration.volume },
      music,
      durationSec: timeline.durationSec,
      loudness: timeline.loudness,
      onProgress: (fraction) => report(fraction * AUDIO_PROGRESS_SHARE),
    });
    warnings.push(...audio.warnings);

    // Captions: an ASS file in the work folder, fonts copied next to it.
    let subtitles: { file: string; fontsDirectory: string } | undefined;
    if (timeline.captions.length > 0) {
      subtitles = await writeSubtitles(timeline, work, warnings);
    }

    const graph = videoFilterGraph({
      clips,
      output: timeline.output,
      subtitles,
      outputLabel: 'video',
      transition: timeline.transition,
    });
    await writeFile(join(work, 'graph.txt'), graph);
    const output = 'video.mp4';
    throwIfAborted(abortSignal);
    await runFfmpeg({
      binary: ffmpegPath,
      cwd: work,
      provider: PROVIDER,
      abortSignal,
      what: 'rendering the video',
      onOutputTime: (time, finished) =>
        report(
          AUDIO_PROGRESS_SHARE +
            (1 - AUDIO_PROGRESS_SHARE) * 0.99 * (finished ? 1 : Math.min(1, time / timeline.durationSec)),
        ),
      args: videoEncodeArgs({
        inputArgs,
        audioFile: audio.file,
        clipCount: clips.length,
        graphFile: 'graph.txt',
        preset: encoding.preset,
        crf: encoding.crf,
        fps,
        audioBitrateKbps: settings.audioBitrateKbps ?? DEFAULT_AUDIO_BITRATE_KBPS,
        durationSec: timeline.durationSec,
        output,
      }),
    });

    const probed = await probeMedia({ ffprobePath, file: join(work, output), provider: PROVIDER, abortSignal });
    const videoStream = probed.streams.find((stream) => stream.type === 'video');
    if (!videoStream?.width || !videoStream.height || !probed.durationSec) {
      throw new ProviderError({
        provider: PROVIDER,
        retryable: false,
        message: 'ffmpeg finished but the output has no readable video stream',
      });
    }
    throwIfAborted(abortSignal);
    const video = await artifacts.putFile(`${options.artifactPrefix}/video.mp4`, join(work, output), {
      contentType: 'video/mp4',
    });
    await artifacts.putFile(
      `${options.artifactPrefix}/poster.jpg`,
      await renderPoster({ ffmpegPath, work, video: output, durationSec: probed.durationSec, abortSignal }),
      { contentType: 'image/jpeg' },
    );
    report(1);
    return {
      video,
      durationSec: probed.durationSec,
      width: videoStream.width,
      height: videoStream.height,
      usage: { renderSeconds: Math.round((performance.now() - started) / 10) / 100 },
      warnings,
    };
  } catch (error) {
    if (options.abortSignal.aborted && !(error instanceof AbortedError))
      throw new AbortedError('Aborted while rendering the video');
    throw error;
  } finally {
    if (!settings.keepTemporaryFiles) await rm(work, { recursive: true, force: true });
  }
}
