import { z } from 'zod';
import { briefSchema, outputFormatFor, type Brief } from '../domain/brief.js';
import { narrationSchema, type Narration } from '../domain/narration.js';
import { sceneVisualSchema, type SceneVisual } from '../domain/scene-visual.js';
import { scriptSchema, type Script } from '../domain/script.js';
import { LooplyError } from '../errors/looply-error.js';
import { parseWith } from '../errors/validation.js';
import { musicMoodForTone } from '../domain/music-mood.js';
import { getStyle } from '../styles/style-catalogue.js';
import { captionLayoutFor } from './caption-style.js';
import { buildCaptions } from './captions.js';
import { estimateSceneWords } from './estimate-scene-words.js';
import { kenBurnsMotion, kenBurnsMoveForScene } from './ken-burns.js';
import type { Timeline, TimelineMusic, TimelineVisualClip } from './timeline.js';
import { TRANSITION_DURATION_SEC } from './transitions.js';

/** Music drops this much while the voice speaks (≥ 12 dB under the voice). */
export const MUSIC_DUCKING_DB = -15;
/** Loudness of the final mix: streaming platforms' −14 LUFS, with a −1.5 dBTP true-peak ceiling. */
export const LOUDNESS_TARGET = { integratedLufs: -14, truePeakDb: -1.5 } as const;
/** Scene timings may overshoot the narration's length by this much (rounding in providers). */
const TIMING_TOLERANCE_SEC = 0.05;

export const buildTimelineOptionsSchema = z.strictObject({
  /** Picture held after the narration ends, in seconds (0–0.5). */
  tailSec: z.number().min(0).max(0.5).default(0.4),
  /** Caption layout, or `false` for no captions. */
  captions: z
    .union([
      z.literal(false),
      z.strictObject({
        maxCharsPerLine: z.number().int().min(8).max(80).optional(),
        maxLines: z.union([z.literal(1), z.literal(2)]).optional(),
        maxPauseSec: z.number().positive().max(5).optional(),
        lingerSec: z.number().min(0).max(0.15).optional(),
        maxDurationSec: z.number().positive().max(20).optional(),
      }),
    ])
    .default({}),
});
export type BuildTimelineOptions = z.input<typeof buildTimelineOptionsSchema>;

export interface BuildTimelineInput {
  brief: Brief;
  script: Script;
  narration: Narration;
  /** One visual per scene, in any order. */
  visuals: readonly SceneVisual[];
}

/**
 * The provider-neutral edit of a video: picture clips that abut on the narration's scene
 * boundaries (stills with a Ken Burns move, clips looped or trimmed by the renderer), captions
 * from the word timings, optional ducked music and the loudness target.
 */
export function buildTimeline(input: BuildTimelineInput, options: BuildTimelineOptions = {}): Timeline {
  const settings = parseWith(buildTimelineOptionsSchema, options, 'buildTimeline options');
  const brief = parseWith(briefSchema, input.brief, 'buildTimeline brief');
  const script = parseWith(scriptSchema, input.script, 'buildTimeline script');
  const narration = parseWith(narrationSchema, input.narration, 'buildTimeline narration');
  const visuals = parseWith(z.array(sceneVisualSchema), input.visuals, 'buildTimeline visuals');
  checkConsistency(script, narration, visuals);

  const output = outputFormatFor(brief.aspectRatio);
  const totalFrames = timelineFrames(narration.durationSec, settings.tailSec, output.fps);
  const durationSec = totalFrames / output.fps;
  const boundaries = sceneBoundaryFrames(narration, totalFrames, output.fps);
  const bySceneIndex = new Map(visuals.map((visual) => [visual.sceneIndex, visual]));
  const clips: TimelineVisualClip[] = script.scenes.map((_, sceneIndex) => {
    const visual = bySceneIndex.get(sceneIndex) as SceneVisual;
    const startSec = boundaries[sceneIndex] / output.fps;
    const lengthSec = (boundaries[sceneIndex + 1] - boundaries[sceneIndex]) / output.fps;
    return {
      sceneIndex,
      kind: visual.kind,
      artifact: visual.artifact,
      startSec,
      lengthSec,
      ...(visual.kind === 'video' && visual.durationSec !== undefined ? { sourceDurationSec: visual.durationSec } : {}),
      motion: visual.kind === 'image' ? kenBurnsMotion(kenBurnsMoveForScene(sceneIndex)) : { type: 'none' },
    };
  });

  const style = getStyle(brief.style);
  const look = {
    preset: brief.captions?.preset ?? style.captionPreset,
    position: brief.captions?.position,
    highlight: brief.captions?.highlight,
  };
  const layout = captionLayoutFor(
    output,
    style,
    settings.captions === false ? undefined : settings.captions.maxCharsPerLine,
    look,
  );
  const transition = brief.transition ?? style.transition;
  if (transition !== 'none') {
    // A transition fills at most the narration pause before its cut: the picture never changes under a word.
    for (const clip of clips.slice(1)) {
      const previousSpeechEnd = narration.scenes[clip.sceneIndex - 1].endSec;
      clip.transitionInSec =
        Math.round(Math.min(TRANSITION_DURATION_SEC, Math.max(0, clip.startSec - previousSpeechEnd)) * 1000) / 1000;
    }
  }
  const words = narration.words.length > 0 ? narration.words : estimateSceneWords(script, narration.scenes);
  const captions =
    settings.captions === false
      ? []
      : buildCaptions(words, {
          ...settings.captions,
          maxCharsPerLine: layout.maxCharsPerLine,
          endLimitSec: durationSec,
        }).map((caption) => {
          // Lingering never carries a caption over its scene's cut.
          const clip = clips[caption.sceneIndex];
          const lastWordEnd = Math.max(...caption.words.map((word) => word.endSec));
          const sceneEnd = Math.max(clip.startSec + clip.lengthSec, lastWordEnd);
          return caption.endSec > sceneEnd ? { ...caption, endSec: Math.round(sceneEnd * 1000) / 1000 } : caption;
        });

  return {
    version: 1,
    title: script.title,
    language: script.language,
    style: brief.style,
    output,
    durationSec,
    visuals: clips,
    narration: { artifact: narration.audio, startSec: 0, lengthSec: narration.durationSec, volume: 1 },
    ...(brief.music ? { music: timelineMusic(brief) } : {}),
    captions,
    captionStyle: layout.captionStyle,
    ...(transition === 'none' || clips.length < 2
      ? {}
      : { transition: { kind: transition, durationSec: TRANSITION_DURATION_SEC } }),
    loudness: { ...LOUDNESS_TARGET },
  };
}

/** The brief's track, or generated music of its mood (`auto`: from the tone, else the style's). */
function timelineMusic(brief: Brief): TimelineMusic {
  const music = brief.music!;
  const base = { volume: music.volume, duckingDb: MUSIC_DUCKING_DB };
  if (music.source !== undefined) return { source: music.source, ...base };
  const mood =
    music.mood === 'auto' || music.mood === undefined
      ? musicMoodForTone(brief.tone, getStyle(brief.style).musicMood)
      : music.mood;
  return { mood, ...base };
}

function invalid(message: string): never {
  throw new LooplyError('validation', `buildTimeline: ${message}`);
}

function checkConsistency(script: Script, narration: Narration, visuals: readonly SceneVisual[]): void {
  const sceneCount = script.scenes.length;
  if (narration.scenes.length !== sceneCount) {
    invalid(`the narration has ${narration.scenes.length} scene timings but the script has ${sceneCount} scenes`);
  }
  const seen = new Set<number>();
  for (const visual of visuals) {
    if (visual.sceneIndex >= sceneCount)
      invalid(
        `a visual is for scene ${visual.sceneIndex} but the script has only ${sceneCount} scenes (0–${sceneCount - 1})`,
      );
    if (seen.has(visual.sceneIndex)) invalid(`scene ${visual.sceneIndex} has more than one visual`);
    seen.add(visual.sceneIndex);
  }
  const missing = script.scenes.map((_, index) => index).filter((index) => !seen.has(index));
  if (missing.length > 0)
    invalid(
      `no visual for scene${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (got ${visuals.length} visuals for ${sceneCount} scenes)`,
    );

  const limit = narration.durationSec + TIMING_TOLERANCE_SEC;
  narration.scenes.forEach((scene, index) => {
    if (scene.endSec < scene.startSec)
      invalid(`narration scene ${index} ends (${scene.endSec} s) before it starts (${scene.startSec} s)`);
    if (scene.endSec > limit)
      invalid(`narration scene ${index} ends at ${scene.endSec} s, after the narration's ${narration.durationSec} s`);
    const previous = narration.scenes[index - 1];
    if (previous && scene.startSec < previous.startSec)
      invalid(
        `narration scene ${index} starts (${scene.startSec} s) before scene ${index - 1} (${previous.startSec} s)`,
      );
  });
  narration.words.forEach((word, index) => {
    if (word.sceneIndex >= sceneCount)
      invalid(
        `narration word ${index} ("${word.text}") is in scene ${word.sceneIndex} but there are ${sceneCount} scenes`,
      );
    if (word.endSec < word.startSec) invalid(`narration word ${index} ("${word.text}") ends before it starts`);
    if (word.endSec > limit)
      invalid(
        `narration word ${index} ("${word.text}") ends at ${word.endSec} s, after the narration's ${narration.durationSec} s`,
      );
  });
}

/** Whole frames covering the narration plus the tail, never more than 0.5 s past the narration. */
function timelineFrames(narrationSec: number, tailSec: number, fps: number): number {
  const wanted = Math.round((narrationSec + tailSec) * fps);
  return Math.max(
    Math.ceil(narrationSec * fps - 1e-6),
    Math.min(wanted, Math.floor((narrationSec + 0.5) * fps + 1e-6)),
  );
}

/**
 * Frame numbers where each scene's picture starts (plus the end): scene 0 at 0, scene n at its
 * narration start (rounded down to a frame), each at least one frame long.
 */
function sceneBoundaryFrames(narration: Narration, totalFrames: number, fps: number): number[] {
  const count = narration.scenes.length;
  if (totalFrames < count)
    invalid(`the narration (${narration.durationSec} s) is too short for ${count} scenes of at least one frame`);
  const boundaries = [0];
  for (let index = 1; index < count; index += 1) {
    // The frame at or just before the voice starts: the new picture is up when its first word is heard.
    const wanted = Math.floor(narration.scenes[index].startSec * fps + 1e-6);
    const earliest = boundaries[index - 1] + 1;
    const latest = totalFrames - (count - index);
    boundaries.push(Math.min(latest, Math.max(earliest, wanted)));
  }
  boundaries.push(totalFrames);
  return boundaries;
}
