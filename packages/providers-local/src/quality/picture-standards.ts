import type { DetectedSegment } from './detector-log.js';
import { seconds, span } from './format-figures.js';
import type { QualityTimeline } from './quality-timeline.js';
import { notMeasured, type QualityStandardResult } from './quality-report.js';
import { meanAbsoluteDifference, type SceneStrip } from './scene-strip.js';

export const MAX_STILL_SEC = 0.5;
/**
 * Neighbouring scenes must differ by at least this mean absolute difference (0–255) between
 * small grayscale pictures of their middles, away from the captions (2.4 % of the range; different stills of one style measure 11–19).
 */
export const MIN_SCENE_DIFFERENCE = 6;
/** A cut is the largest frame-to-frame change within this distance of a scene boundary. */
const CUT_SEARCH_SEC = 0.5;
/** …and it must stand out: this many times the window's median change, and at least this much. */
const CUT_OVER_MEDIAN = 3;
const MIN_CUT_CHANGE = 2;

export interface PictureInput {
  black: DetectedSegment[];
  frozen: DetectedSegment[];
  timeline?: QualityTimeline;
  sceneStrip?: SceneStrip;
  /** Frame rate and first-frame time of the scene strip. */
  fps: number;
  startSec: number;
}

/** No black or frozen stretch over 0.5 s; neighbouring scenes differ; cuts fall in narration pauses. */
export function pictureStandards(input: PictureInput): QualityStandardResult[] {
  return [blackSegments(input), frozenSegments(input), sceneDifference(input), sceneCuts(input)];
}

function blackSegments({ black }: PictureInput): QualityStandardResult {
  const long = black.filter((segment) => segment.endSec - segment.startSec > MAX_STILL_SEC + 1e-3);
  return {
    id: 'picture.black',
    group: 'picture',
    label: 'Black segments',
    limit: `none > ${MAX_STILL_SEC} s`,
    ...stretches(long, 'black'),
  };
}

function frozenSegments({ frozen, timeline }: PictureInput): QualityStandardResult {
  const frame = 1 / (timeline?.output.fps ?? 30);
  const holds = holdSpans(timeline, frame);
  const isHold = (segment: DetectedSegment) =>
    holds.some(([start, end]) => segment.startSec >= start - frame && segment.endSec <= end + frame);
  const long = frozen.filter((segment) => segment.endSec - segment.startSec > MAX_STILL_SEC + 1e-3);
  const deliberate = long.filter(isHold);
  const result = stretches(
    long.filter((segment) => !isHold(segment)),
    'frozen',
  );
  if (deliberate.length > 0)
    result.details = [
      ...(result.details ?? []),
      ...deliberate.map(
        (segment) => `deliberate hold (a still without motion) ${span(segment.startSec, segment.endSec)}`,
      ),
    ];
  return {
    id: 'picture.frozen',
    group: 'picture',
    label: 'Frozen segments',
    limit: `none > ${MAX_STILL_SEC} s (holds excepted)`,
    ...result,
  };
}

/** Time spans of stills the timeline shows without motion, neighbouring ones joined. */
function holdSpans(timeline: QualityTimeline | undefined, frame: number): [number, number][] {
  const spans: [number, number][] = [];
  const holds = (timeline?.visuals ?? [])
    .filter((clip) => clip.kind === 'image' && clip.motion.type === 'none')
    .sort((first, second) => first.startSec - second.startSec);
  for (const clip of holds) {
    const last = spans.at(-1);
    const end = clip.startSec + clip.lengthSec;
    if (last && clip.startSec <= last[1] + frame) last[1] = Math.max(last[1], end);
    else spans.push([clip.startSec, end]);
  }
  return spans;
}

function stretches(
  long: DetectedSegment[],
  what: string,
): Pick<QualityStandardResult, 'passed' | 'measured' | 'value' | 'unit' | 'details'> {
  if (long.length === 0) return { passed: true, measured: 'none', value: 0, unit: 's' };
  const longest = Math.max(...long.map((segment) => segment.endSec - segment.startSec));
  return {
    passed: false,
    measured: `${long.length} ${what} segment${long.length === 1 ? '' : 's'}, longest ${seconds(longest)}`,
    value: longest,
    unit: 's',
    details: long.map(
      (segment) => `${what} ${span(segment.startSec, segment.endSec)} (${seconds(segment.endSec - segment.startSec)})`,
    ),
  };
}

/** Frame index (in the strip) showing time `timeSec`. */
function frameAt(input: PictureInput, timeSec: number): number {
  return Math.max(0, Math.round((timeSec - input.startSec) * input.fps));
}

/** The frame in the middle of each scene, where its picture is sampled. */
export function sceneMiddleFrames(timeline: QualityTimeline, fps: number, startSec: number): number[] {
  return timeline.visuals.map((clip) => Math.max(0, Math.round((clip.startSec + clip.lengthSec / 2 - startSec) * fps)));
}

function sceneDifference(input: PictureInput): QualityStandardResult {
  const standard = {
    id: 'picture.scene-difference',
    group: 'picture' as const,
    label: 'Scene difference',
    limit: `neighbours differ ≥ ${MIN_SCENE_DIFFERENCE}/255`,
  };
  const { timeline, sceneStrip } = input;
  if (!timeline || !sceneStrip) return notMeasured(standard, 'no timeline');
  if (timeline.visuals.length < 2) return notMeasured(standard, 'the timeline has one scene');
  const middles = sceneMiddleFrames(timeline, input.fps, input.startSec);
  const differences: { index: number; difference: number }[] = [];
  const details: string[] = [];
  for (let index = 1; index < middles.length; index += 1) {
    const before = sceneStrip.frame(middles[index - 1]);
    const after = sceneStrip.frame(middles[index]);
    if (!before || !after) {
      details.push(`scene ${index} or ${index + 1}: its middle frame is past the end of the video`);
      differences.push({ index, difference: 0 });
      continue;
    }
    differences.push({ index, difference: meanAbsoluteDifference(before, after) });
  }
  const smallest = differences.reduce((low, entry) => (entry.difference < low.difference ? entry : low));
  for (const { index, difference } of differences) {
    if (difference < MIN_SCENE_DIFFERENCE)
      details.push(`scenes ${index} and ${index + 1} look alike (difference ${difference.toFixed(1)})`);
  }
  return {
    ...standard,
    passed: differences.every((entry) => entry.difference >= MIN_SCENE_DIFFERENCE),
    measured: `smallest ${smallest.difference.toFixed(1)} (scenes ${smallest.index} and ${smallest.index + 1})`,
    value: smallest.difference,
    details: details.length ? details : undefined,
  };
}

function sceneCuts(input: PictureInput): QualityStandardResult {
  const standard = {
    id: 'picture.scene-cuts',
    group: 'picture' as const,
    label: 'Scene cuts',
    limit: 'in narration pauses (± 1 frame)',
  };
  const { timeline, sceneStrip } = input;
  if (!timeline || !sceneStrip) return notMeasured(standard, 'no timeline');
  if (timeline.visuals.length < 2) return notMeasured(standard, 'the timeline has one scene');
  const frame = 1 / input.fps;
  const details: string[] = [];
  let worstOffset = 0;
  let failures = 0;
  const clips = [...timeline.visuals].sort((first, second) => first.startSec - second.startSec);
  for (let index = 1; index < clips.length; index += 1) {
    const boundary = clips[index].startSec;
    const cut = findCut(input, sceneStrip, boundary);
    const [pauseStart, pauseEnd] = narrationPause(
      timeline,
      clips[index - 1].sceneIndex,
      clips[index].sceneIndex,
      boundary,
    );
    if (cut === undefined) {
      failures += 1;
      details.push(`no visible cut within ${CUT_SEARCH_SEC} s of the boundary at ${seconds(boundary, 3)}`);
      continue;
    }
    worstOffset = Math.max(worstOffset, Math.abs(cut - boundary));
    if (cut < pauseStart - frame - 1e-6 || cut > pauseEnd + frame + 1e-6) {
      failures += 1;
      details.push(
        `cut at ${seconds(cut, 3)} is outside the narration pause ${span(pauseStart, pauseEnd)} (timeline boundary ${seconds(boundary, 3)})`,
      );
    }
  }
  const cuts = clips.length - 1;
  const measured =
    failures === 0
      ? `${cuts} cut${cuts === 1 ? '' : 's'} in narration pauses (largest offset from the timeline ${Math.round(worstOffset * 1000)} ms)`
      : `${failures} of ${cuts} cuts misplaced or missing`;
  return { ...standard, passed: failures === 0, measured, details: details.length ? details : undefined };
}

/** Time of the frame where the picture changes most near `boundary`, if it stands out. */
function findCut(input: PictureInput, strip: SceneStrip, boundary: number): number | undefined {
  const first = Math.max(1, frameAt(input, boundary - CUT_SEARCH_SEC));
  const last = Math.min(strip.changes.length - 1, frameAt(input, boundary + CUT_SEARCH_SEC));
  if (last < first) return undefined;
  const window = strip.changes.slice(first, last + 1);
  let peak = 0;
  for (let offset = 1; offset < window.length; offset += 1) if (window[offset] > window[peak]) peak = offset;
  const sorted = [...window].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  if (window[peak] < MIN_CUT_CHANGE || window[peak] < CUT_OVER_MEDIAN * median) return undefined;
  return input.startSec + (first + peak) / input.fps;
}

/** From the last word of the scene before to the first word of the scene after (the boundary itself if a scene has no words). */
function narrationPause(
  timeline: QualityTimeline,
  sceneBefore: number,
  sceneAfter: number,
  boundary: number,
): [number, number] {
  const wordsOf = (scene: number) =>
    timeline.captions.filter((caption) => caption.sceneIndex === scene).flatMap((caption) => caption.words);
  const before = wordsOf(sceneBefore);
  const after = wordsOf(sceneAfter);
  const pauseStart = before.length ? Math.max(...before.map((word) => word.endSec)) : boundary;
  const pauseEnd = after.length ? Math.min(...after.map((word) => word.startSec)) : boundary;
  return pauseStart <= pauseEnd ? [pauseStart, pauseEnd] : [pauseEnd, pauseStart];
}
