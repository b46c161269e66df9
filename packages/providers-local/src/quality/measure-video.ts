import { stat } from 'node:fs/promises';
import { LooplyError, parseWith } from '@looply/core';
import { z } from 'zod';
import { resolveFfmpegPath, resolveFfprobePath } from '../assembly/ffmpeg-binaries.js';
import { captionBandGeometry, sceneStripGeometry } from './analysis-geometry.js';
import { runAnalysisPass } from './analysis-pass.js';
import { captionStandards } from './caption-standards.js';
import { highlightDetection, highlightStandard } from './highlight-standard.js';
import { containerStandards, REQUIRED_FPS } from './container-standards.js';
import { loudnessStandards } from './loudness-standards.js';
import { readTopLevelBoxes } from './mp4-top-level-boxes.js';
import { captionSpeechStandard } from './speech-alignment/caption-speech-standard.js';
import { pictureStandards, sceneMiddleFrames } from './picture-standards.js';
import { probeVideo, videoFrameTimes } from './probe-video.js';
import { qualityReport, type QualityReport } from './quality-report.js';
import { parseQualityTimeline, type QualityTimeline } from './quality-timeline.js';

const measureVideoOptionsSchema = z.strictObject({
  /** The job's Timeline (a full Looply `Timeline` fits): enables caption and scene standards. */
  timeline: z.unknown().optional(),
  ffmpegPath: z.string().min(1).optional(),
  ffprobePath: z.string().min(1).optional(),
  abortSignal: z.instanceof(AbortSignal).optional(),
});

export interface MeasureVideoOptions {
  /** The job's Timeline (a Looply `Timeline` or anything with the fields the check reads). */
  timeline?: QualityTimeline | object;
  /** Default: `FFMPEG_PATH`, then `@ffmpeg-installer/ffmpeg`. */
  ffmpegPath?: string;
  /** Default: `FFPROBE_PATH`, then `@ffprobe-installer/ffprobe`. */
  ffprobePath?: string;
  abortSignal?: AbortSignal;
}

/**
 * Measures a video against Looply's output standards with ffmpeg's own analysers: container
 * facts (ffprobe and the MP4 box order), loudness (ebur128), black and frozen stretches
 * (blackdetect, freezedetect) and, given the job's timeline, scene pictures and caption timing,
 * lines, position and contrast read from the pixels, and caption words against the speech
 * (pocketsphinx forced alignment, English, when installed). One entry per standard; not-measured
 * standards neither pass nor fail.
 *
 * Throws a `LooplyError` with code `invalid-input` when the file is missing or not a video, and
 * `validation` when the timeline is malformed.
 */
export async function measureVideo(file: string, options: MeasureVideoOptions = {}): Promise<QualityReport> {
  const settings = parseWith(measureVideoOptionsSchema, options, 'measureVideo options');
  const { abortSignal } = settings;
  const timeline =
    settings.timeline === undefined ? undefined : parseQualityTimeline(settings.timeline, 'measureVideo timeline');
  const isFile = await stat(file).then(
    (entry) => entry.isFile(),
    () => false,
  );
  if (!isFile) throw new LooplyError('invalid-input', `No video file at ${file}.`);
  const ffmpegPath = resolveFfmpegPath(settings.ffmpegPath);
  const ffprobePath = resolveFfprobePath(settings.ffprobePath);

  const probe = await probeVideo(ffprobePath, file, abortSignal);
  const fps = timeline?.output.fps ?? REQUIRED_FPS;
  const startSec = probe.video.startSec;
  const endSec = probe.durationSec ?? probe.video.durationSec ?? 0;
  const captionBand =
    timeline && timeline.captions.length > 0
      ? captionBandGeometry(probe.video.width, probe.video.height, timeline)
      : undefined;
  const stripBand = timeline
    ? (captionBand?.crop ?? captionBandGeometry(probe.video.width, probe.video.height, timeline).crop)
    : undefined;
  const sceneStrip =
    timeline && stripBand
      ? {
          ...sceneStripGeometry(probe.video.width, probe.video.height, stripBand),
          keepFrames: new Set(sceneMiddleFrames(timeline, fps, startSec)),
        }
      : undefined;

  const [frameTimes, boxes, analysis, speech] = await Promise.all([
    videoFrameTimes(ffprobePath, file, abortSignal),
    readTopLevelBoxes(file),
    runAnalysisPass({
      ffmpegPath,
      file,
      hasAudio: probe.audio !== undefined,
      fps,
      startSec,
      endSec,
      captionBand,
      highlight: timeline && captionBand ? highlightDetection(timeline, captionBand) : undefined,
      sceneStrip,
      abortSignal,
    }),
    captionSpeechStandard({ file, ffmpegPath, timeline, hasAudio: probe.audio !== undefined, abortSignal }),
  ]);

  const standards = [
    ...containerStandards({ probe, frameTimes, boxes, timeline }),
    ...loudnessStandards({
      hasAudio: probe.audio !== undefined,
      summary: analysis.loudness,
      frames: analysis.loudnessFrames,
      timeline,
    }),
    ...pictureStandards({
      black: analysis.black,
      frozen: analysis.frozen,
      timeline,
      sceneStrip: analysis.sceneStrip,
      fps,
      startSec,
    }),
    ...captionStandards({ timeline, band: captionBand, seen: analysis.captions }),
    speech,
    highlightStandard(timeline, analysis.highlightEvents),
  ];
  return qualityReport(file, standards, timeline !== undefined);
}
