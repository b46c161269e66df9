import { LooplyError } from '@looply/core';
import type { CaptionBandGeometry, SceneStripGeometry } from './analysis-geometry.js';
import { CaptionTrack, type OnScreenCaption } from './caption-track.js';
import { HighlightTrack } from './highlight-track.js';
import { DetectorLogReader, type DetectedSegment } from './detector-log.js';
import { Ebur128LogReader, type LoudnessFrame, type LoudnessSummary } from './ebur128-log.js';
import { RawFrameSplitter } from './raw-frame-splitter.js';
import { runMediaTool } from './run-media-tool.js';
import { SceneStrip } from './scene-strip.js';

/** Shortest black or frozen stretch the detectors report; the standard flags longer ones. */
export const DETECTOR_MIN_SEC = 0.5;
/** Frame-difference noise below which freezedetect calls a frame frozen. */
export const FREEZE_NOISE = '-60dB';
/** A pixel darker than this share of the luma range is black for blackdetect. */
export const BLACK_PIXEL_THRESHOLD = 0.1;

export interface AnalysisPassOptions {
  ffmpegPath: string;
  file: string;
  hasAudio: boolean;
  /** With a timeline: frames are resampled to this rate for the caption and scene streams. */
  fps: number;
  /** Time of the first video frame, seconds. */
  startSec: number;
  /** End of the video, seconds (a freeze still open at the end lasts until here). */
  endSec: number;
  captionBand?: CaptionBandGeometry;
  /** With a caption band: also find the frames where the highlighted word changes. */
  highlight?: { minLevelChange: number; minPixels: number };
  sceneStrip?: SceneStripGeometry & { keepFrames: ReadonlySet<number> };
  abortSignal?: AbortSignal;
}

export interface AnalysisPassResult {
  loudness: LoudnessSummary | undefined;
  loudnessFrames: LoudnessFrame[];
  black: DetectedSegment[];
  frozen: DetectedSegment[];
  /** Captions as seen in the caption band (band-analysis pixels). */
  captions?: OnScreenCaption[];
  captionEventFrames?: number[];
  /** Times of the highlight changes, when asked. */
  highlightEvents?: number[];
  sceneStrip?: SceneStrip;
}

/**
 * One decode of the video runs every pixel and audio analyser at once: ebur128 (loudness, true
 * peak), blackdetect and freezedetect on the full frames, and, with a timeline, two raw
 * grayscale streams resampled to a constant rate: the caption band to stdout, a small picture of
 * the scene away from the captions to file descriptor 3.
 */
export async function runAnalysisPass(options: AnalysisPassOptions): Promise<AnalysisPassResult> {
  const { captionBand, sceneStrip } = options;
  const detectors = `blackdetect=d=${DETECTOR_MIN_SEC}:pix_th=${BLACK_PIXEL_THRESHOLD},freezedetect=n=${FREEZE_NOISE}:d=${DETECTOR_MIN_SEC}`;
  const graph: string[] = [];
  const rawOutputs: string[] = [];
  if (captionBand || sceneStrip) {
    const branches = [captionBand ? '[bandsource]' : '', sceneStrip ? '[stripsource]' : ''].filter(Boolean);
    graph.push(`[0:v:0]split=2[detect][resampled]`, `[detect]${detectors}[picture]`);
    graph.push(
      `[resampled]fps=${options.fps},format=gray${branches.length === 2 ? `,split=2${branches.join('')}` : branches[0]}`,
    );
    if (captionBand) {
      const { crop } = captionBand;
      graph.push(
        `[bandsource]crop=${crop.width}:${crop.height}:${crop.x}:${crop.y},scale=${captionBand.width}:${captionBand.height}:flags=area[band]`,
      );
      rawOutputs.push('-map', '[band]', '-f', 'rawvideo', '-pix_fmt', 'gray', 'pipe:1');
    }
    if (sceneStrip) {
      const { crop } = sceneStrip;
      graph.push(
        `[stripsource]crop=${crop.width}:${crop.height}:${crop.x}:${crop.y},scale=${sceneStrip.width}:${sceneStrip.height}:flags=area[strip]`,
      );
      rawOutputs.push('-map', '[strip]', '-f', 'rawvideo', '-pix_fmt', 'gray', 'pipe:3');
    }
  } else {
    graph.push(`[0:v:0]${detectors}[picture]`);
  }
  if (options.hasAudio) graph.push('[0:a:0]ebur128=peak=true[sound]');

  const args = [
    '-hide_banner',
    '-nostdin',
    '-nostats',
    '-loglevel',
    'info',
    '-i',
    options.file,
    '-filter_complex',
    graph.join(';'),
    '-map',
    '[picture]',
    ...(options.hasAudio ? ['-map', '[sound]'] : []),
    '-f',
    'null',
    '-',
    ...rawOutputs,
  ];

  const loudness = new Ebur128LogReader();
  const detectorLog = new DetectorLogReader();
  const track = captionBand
    ? new CaptionTrack({
        rule: captionBand.rule,
        fps: options.fps,
        startSec: options.startSec,
        minPixels: captionBand.minPixels,
        fontSizePx: captionBand.fontSizePx,
      })
    : undefined;
  const highlight =
    captionBand && options.highlight
      ? new HighlightTrack({
          rule: captionBand.rule,
          fps: options.fps,
          startSec: options.startSec,
          ...options.highlight,
        })
      : undefined;
  const strip = sceneStrip ? new SceneStrip(sceneStrip.width * sceneStrip.height, sceneStrip.keepFrames) : undefined;
  const bandFrames =
    captionBand && track
      ? new RawFrameSplitter(captionBand.width * captionBand.height, (frame) => {
          track.push(frame);
          highlight?.push(frame);
        })
      : undefined;
  const stripFrames =
    sceneStrip && strip
      ? new RawFrameSplitter(sceneStrip.width * sceneStrip.height, (frame) => strip.push(frame))
      : undefined;

  const outputs: Record<number, (chunk: Buffer) => void> = {};
  if (bandFrames) outputs[1] = (chunk) => bandFrames.push(chunk);
  if (stripFrames) outputs[3] = (chunk) => stripFrames.push(chunk);

  await runMediaTool({
    binary: options.ffmpegPath,
    args,
    what: `analysing ${options.file}`,
    abortSignal: options.abortSignal,
    outputs,
    onStderrLine: (line) => {
      loudness.push(line);
      detectorLog.push(line);
    },
  });
  if (bandFrames && bandFrames.count === 0)
    throw new LooplyError('media-tool-failed', `ffmpeg decoded no frame of ${options.file}`);

  return {
    loudness: loudness.result(),
    loudnessFrames: loudness.frames,
    black: detectorLog.black,
    frozen: detectorLog.frozenSegments(options.endSec),
    captions: track?.finish(),
    captionEventFrames: track?.eventFrames,
    highlightEvents: highlight?.events,
    sceneStrip: strip,
  };
}
