import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AbortedError,
  LooplyError,
  ProviderError,
  describeZodError,
  parseWith,
  throwIfAborted,
  timelineSchema,
  type ArtifactStore,
  type AssemblyCallOptionsV1,
  type AssemblyResultV1,
  type ShortAssemblyProviderV1,
  type Timeline,
  type WarningV1,
} from '@looply/core';
import { moodMusicFile } from '../music/mood-music-file.js';
import { speechIntervals } from './ducking-envelope.js';
import { resolveFfmpegPath, resolveFfprobePath } from './ffmpeg-binaries.js';
import {
  DEFAULT_AUDIO_BITRATE_KBPS,
  DEFAULT_X264_CRF,
  DEFAULT_X264_PRESET,
  localAssemblyCallOptionsSchema,
  localAssemblySettingsSchema,
  type LocalAssemblySettings,
} from './local-assembly-settings.js';
import { probeMedia } from './probe-media.js';
import { renderAudio, type RenderAudioOptions } from './render-audio.js';
import { resolveMusicSource } from './resolve-music-source.js';
import { renderPoster } from './render-poster.js';
import { runFfmpeg } from './run-ffmpeg.js';
import { stageInput } from './stage-input.js';
import { videoFilterGraph, type VideoGraphClip } from './video-filter-graph.js';
import { writeSubtitles } from './write-subtitles.js';

const PROVIDER = 'local';
/** Share of the progress bar taken by the audio passes (the video encode takes the rest). */
const AUDIO_PROGRESS_SHARE = 0.08;
/** Music comes in softly and fades out over the video's last two seconds. */
const MUSIC_FADES = { inSec: 0.3, outSec: 2 };

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
      await inputPath(artifacts, timeline.narration.artifact.key, 'the narration'),
      timeline.narration.artifact.contentType,
    );
    let music: RenderAudioOptions['music'];
    if (timeline.music?.mood) {
      music = {
        file: await moodMusicFile({
          mood: timeline.music.mood,
          ffmpegPath,
          provider: PROVIDER,
          cacheDirectory: settings.musicCacheDirectory,
          abortSignal: options.abortSignal,
        }),
        volume: timeline.music.volume,
        duckingDb: timeline.music.duckingDb,
        speech: speechIntervals(timeline),
        fades: MUSIC_FADES,
      };
    } else if (timeline.music?.source) {
      const resolved = await resolveMusicSource({
        source: timeline.music.source,
        artifacts,
        workDirectory: work,
        provider: PROVIDER,
        // Off unless the caller opted in (the CLI does; a server never must read a client-named path).
        allowLocalFiles: settings.allowLocalMusicFiles ?? false,
        allowUrls: settings.allowMusicUrls ?? false,
        fetch: settings.fetch ?? globalThis.fetch,
        abortSignal,
        maxDownloadBytes: 100 * 1024 * 1024,
        downloadTimeoutMs: 60_000,
      });
      music = {
        file: await stageInput(work, 'music', resolved.file, resolved.contentType),
        volume: timeline.music.volume,
        duckingDb: timeline.music.duckingDb,
        speech: speechIntervals(timeline),
        fades: MUSIC_FADES,
      };
    }

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
      args: [
        '-hide_banner',
        '-nostdin',
        '-nostats',
        '-loglevel',
        'warning',
        '-y',
        '-progress',
        'pipe:1',
        ...inputArgs,
        '-i',
        audio.file,
        '-filter_complex_script',
        'graph.txt',
        '-map',
        '[video]',
        '-map',
        `${clips.length}:a`,
        '-c:v',
        'libx264',
        '-preset',
        encoding.preset,
        '-crf',
        String(encoding.crf),
        '-profile:v',
        'high',
        '-pix_fmt',
        'yuv420p',
        '-r',
        String(fps),
        '-vsync',
        'cfr',
        '-c:a',
        'aac',
        '-b:a',
        `${settings.audioBitrateKbps ?? DEFAULT_AUDIO_BITRATE_KBPS}k`,
        '-ar',
        '48000',
        '-ac',
        '2',
        '-t',
        seconds(timeline.durationSec),
        '-movflags',
        '+faststart',
        output,
      ],
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

/** Links every clip's file into the work folder and gives each the frames it covers (they add up to the video's). */
async function stageVisuals(
  timeline: Timeline,
  artifacts: ArtifactStore,
  work: string,
): Promise<{ clips: VideoGraphClip[]; inputArgs: string[] }> {
  const fps = timeline.output.fps;
  const totalFrames = Math.round(timeline.durationSec * fps);
  const clips: VideoGraphClip[] = [];
  const inputArgs: string[] = [];
  let frameCursor = 0;
  for (const [index, clip] of timeline.visuals.entries()) {
    const endFrame =
      index === timeline.visuals.length - 1 ? totalFrames : Math.round((clip.startSec + clip.lengthSec) * fps);
    const frames = Math.max(1, endFrame - frameCursor);
    frameCursor += frames;
    const file = await inputPath(artifacts, clip.artifact.key, `the visual of scene ${clip.sceneIndex}`);
    const staged = await stageInput(work, `scene-${index}`, file, clip.artifact.contentType);
    // A clip loops for as long as its scene needs (one extra second of margin before trimming).
    if (clip.kind === 'video') inputArgs.push('-stream_loop', '-1', '-t', seconds(frames / fps + 1), '-i', staged);
    else inputArgs.push('-i', staged);
    clips.push({ clip, inputIndex: index, frames });
  }
  return { clips, inputArgs };
}

/** The local file of an input artifact, or a non-retryable error naming a missing one (other store errors pass through). */
async function inputPath(artifacts: ArtifactStore, key: string, what: string): Promise<string> {
  try {
    return await artifacts.localPath(key);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new ProviderError({
      provider: PROVIDER,
      retryable: false,
      message: `local assembly: ${what} (artifact ${key}) cannot be read: ${error instanceof Error ? error.message : String(error)}`,
      cause: error,
    });
  }
}

function validTimeline(value: unknown): Timeline {
  const parsed = timelineSchema.safeParse(value);
  if (!parsed.success)
    throw new ProviderError({
      provider: PROVIDER,
      retryable: false,
      message: describeZodError(parsed.error, 'local assembly: invalid timeline'),
    });
  const { width, height } = parsed.data.output;
  if (width % 2 !== 0 || height % 2 !== 0) {
    throw new ProviderError({
      provider: PROVIDER,
      retryable: false,
      message: `local assembly: invalid timeline: output ${width}x${height} must have even sides for H.264 yuv420p`,
    });
  }
  return parsed.data;
}

function callEncoding(
  options: AssemblyCallOptionsV1,
  settings: ParsedSettings,
  warnings: WarningV1[],
): { preset: string; crf: number } {
  const { local, ...others } = options.providerOptions ?? {};
  for (const provider of Object.keys(others))
    warnings.push({
      type: 'unsupported-setting',
      setting: `providerOptions.${provider}`,
      details: 'the local assembler reads only providerOptions.local',
    });
  let call: { preset?: string; crf?: number } = {};
  if (local) {
    try {
      call = parseWith(localAssemblyCallOptionsSchema, local, 'providerOptions.local');
    } catch (error) {
      if (error instanceof LooplyError)
        throw new ProviderError({ provider: PROVIDER, retryable: false, message: error.message });
      throw error;
    }
  }
  return {
    preset: call.preset ?? settings.preset ?? DEFAULT_X264_PRESET,
    crf: call.crf ?? settings.crf ?? DEFAULT_X264_CRF,
  };
}

function seconds(value: number): string {
  return Number(value.toFixed(6)).toString();
}
