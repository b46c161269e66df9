import { isFastStart, type Mp4Box } from './mp4-top-level-boxes.js';
import { parseRate, type ProbedVideo } from './probe-video.js';
import type { QualityTimeline } from './quality-timeline.js';
import { notMeasured, type QualityStandardResult } from './quality-report.js';
import { seconds } from './format-figures.js';

export const REQUIRED_FPS = 30;
export const REQUIRED_SAMPLE_RATE = 48_000;
/** The video may run this long after the narration ends. */
export const MAX_TAIL_SEC = 0.5;
/** Frame intervals may differ from 1/fps by this much (container time-base rounding). */
const FRAME_INTERVAL_TOLERANCE_SEC = 0.001;

export interface ContainerInput {
  probe: ProbedVideo;
  /** Presentation times of every video frame, ascending. */
  frameTimes: number[];
  boxes: Mp4Box[];
  timeline?: QualityTimeline;
}

/** H.264 High yuv420p, constant 30 fps, AAC 48 kHz stereo, fast start, size and duration. */
export function containerStandards(input: ContainerInput): QualityStandardResult[] {
  return [
    videoCodec(input),
    pixelFormat(input),
    frameRate(input),
    audio(input),
    fastStart(input),
    frameSize(input),
    duration(input),
  ];
}

function videoCodec({ probe }: ContainerInput): QualityStandardResult {
  const { codec, profile } = probe.video;
  const passed = codec === 'h264' && profile === 'High';
  const measured = `${codec === 'h264' ? 'H.264' : (codec ?? 'unknown codec')} ${profile ?? '(no profile)'}`;
  return {
    id: 'container.video-codec',
    group: 'container',
    label: 'Video codec',
    passed,
    measured,
    limit: 'H.264 High',
  };
}

function pixelFormat({ probe }: ContainerInput): QualityStandardResult {
  const format = probe.video.pixelFormat;
  return {
    id: 'container.pixel-format',
    group: 'container',
    label: 'Pixel format',
    passed: format === 'yuv420p',
    measured: format ?? 'unknown',
    limit: 'yuv420p',
  };
}

function frameRate({ probe, frameTimes }: ContainerInput): QualityStandardResult {
  const standard = {
    id: 'container.frame-rate',
    group: 'container' as const,
    label: 'Frame rate',
    limit: `constant ${REQUIRED_FPS} fps`,
  };
  const declared = parseRate(probe.video.averageFrameRate) ?? parseRate(probe.video.realFrameRate);
  const real = parseRate(probe.video.realFrameRate);
  const details: string[] = [
    `r_frame_rate ${probe.video.realFrameRate ?? '?'}, avg_frame_rate ${probe.video.averageFrameRate ?? '?'}`,
  ];
  const interval = 1 / REQUIRED_FPS;
  const irregular: { atSec: number; intervalSec: number }[] = [];
  for (let index = 1; index < frameTimes.length; index += 1) {
    const gap = frameTimes[index] - frameTimes[index - 1];
    if (Math.abs(gap - interval) > FRAME_INTERVAL_TOLERANCE_SEC)
      irregular.push({ atSec: frameTimes[index - 1], intervalSec: gap });
  }
  const rateMatches = (rate: number | undefined) => rate !== undefined && Math.abs(rate - REQUIRED_FPS) < 0.01;
  const passed = rateMatches(declared) && rateMatches(real) && irregular.length === 0 && frameTimes.length > 1;
  let measured = `${declared === undefined ? 'unknown' : Number(declared.toFixed(3))} fps`;
  if (frameTimes.length < 2) measured += ', too few frames to check';
  else if (irregular.length === 0)
    measured += `, constant (${frameTimes.length - 1} intervals of ${(interval * 1000).toFixed(1)} ms)`;
  else {
    measured += `, ${irregular.length} of ${frameTimes.length - 1} intervals irregular`;
    for (const { atSec, intervalSec } of irregular.slice(0, 5))
      details.push(`interval of ${(intervalSec * 1000).toFixed(1)} ms after the frame at ${seconds(atSec, 3)}`);
    if (irregular.length > 5) details.push(`… and ${irregular.length - 5} more`);
  }
  return { ...standard, passed, measured, value: declared, unit: 'fps', details };
}

function audio({ probe }: ContainerInput): QualityStandardResult {
  const standard = { id: 'container.audio', group: 'container' as const, label: 'Audio', limit: 'AAC 48 kHz stereo' };
  const stream = probe.audio;
  if (!stream) return { ...standard, passed: false, measured: 'no audio stream' };
  const passed = stream.codec === 'aac' && stream.sampleRate === REQUIRED_SAMPLE_RATE && stream.channels === 2;
  const rate = stream.sampleRate === undefined ? '? kHz' : `${Number((stream.sampleRate / 1000).toFixed(3))} kHz`;
  const channels =
    stream.channels === 2 ? 'stereo' : stream.channels === 1 ? 'mono' : `${stream.channels ?? '?'} channels`;
  return { ...standard, passed, measured: `${(stream.codec ?? 'unknown').toUpperCase()} ${rate} ${channels}` };
}

function fastStart({ boxes }: ContainerInput): QualityStandardResult {
  const standard = {
    id: 'container.faststart',
    group: 'container' as const,
    label: 'Fast start',
    limit: 'moov before mdat',
  };
  const order = boxes.map((box) => box.type).join(' ');
  const fast = isFastStart(boxes);
  if (fast === undefined)
    return {
      ...standard,
      passed: false,
      measured: `not an MP4 with moov and mdat (top-level boxes: ${order || 'none'})`,
    };
  return {
    ...standard,
    passed: fast,
    measured: fast ? 'moov before mdat' : 'moov after mdat',
    details: [`top-level boxes: ${order}`],
  };
}

function frameSize({ probe, timeline }: ContainerInput): QualityStandardResult {
  const standard = { id: 'container.frame-size', group: 'container' as const, label: 'Frame size' };
  const measured = `${probe.video.width}×${probe.video.height}`;
  if (!timeline)
    return { ...notMeasured({ ...standard, limit: 'timeline output size' }, `no timeline (video is ${measured})`) };
  const expected = `${timeline.output.width}×${timeline.output.height}`;
  return { ...standard, limit: expected, passed: measured === expected, measured };
}

function duration({ probe, timeline }: ContainerInput): QualityStandardResult {
  const standard = { id: 'container.duration', group: 'container' as const, label: 'Duration' };
  const total = probe.durationSec ?? probe.video.durationSec;
  if (!timeline) {
    return notMeasured(
      { ...standard, limit: `narration + 0–${MAX_TAIL_SEC} s` },
      `no timeline (video is ${total === undefined ? 'of unknown length' : seconds(total)})`,
    );
  }
  const narrationEnd = timeline.narration.startSec + timeline.narration.lengthSec;
  const frame = 1 / REQUIRED_FPS;
  const limit = `${seconds(narrationEnd)} (narration) to ${seconds(narrationEnd + MAX_TAIL_SEC)}`;
  if (total === undefined)
    return { ...standard, limit, passed: false, measured: 'unknown (the container states no duration)' };
  const tail = total - narrationEnd;
  const passed = tail >= -frame - 1e-6 && tail <= MAX_TAIL_SEC + 1e-6;
  const tailText =
    tail >= 0 ? `narration + ${tail.toFixed(2)} s` : `${(-tail).toFixed(2)} s shorter than the narration`;
  return { ...standard, limit, passed, measured: `${seconds(total)} (${tailText})`, value: total, unit: 's' };
}
