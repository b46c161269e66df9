import type { ArtifactRef } from '../artifacts/artifact-ref.js';
import type { OutputFormat } from '../domain/brief.js';
import type { MusicMood } from '../domain/music-mood.js';
import type { TransitionKind } from './transitions.js';
import type { StyleFont, StyleId } from '../styles/style-catalogue.js';

/** A point of a Ken Burns move: zoom factor ≥ 1 and the centre of the crop, 0–1 of the source. */
export interface FramingV1 {
  scale: number;
  centerX: number;
  centerY: number;
}

export type VisualMotion = { type: 'ken-burns'; from: FramingV1; to: FramingV1 } | { type: 'none' };

/** One scene's picture on the timeline. Scenes abut: clip n ends where clip n+1 starts. */
export interface TimelineVisualClip {
  sceneIndex: number;
  kind: 'image' | 'video';
  artifact: ArtifactRef;
  startSec: number;
  lengthSec: number;
  /** For video clips: their own length; shorter clips are looped, longer ones trimmed. */
  sourceDurationSec?: number;
  /** Stills get a Ken Burns move; clips play as they are. */
  motion: VisualMotion;
  /**
   * With a timeline transition: how long the transition into this clip lasts, ending at its
   * start — the timeline's length cut to the narration pause before the clip (0: a hard cut).
   */
  transitionInSec?: number;
}

export interface TimelineCaptionWord {
  text: string;
  startSec: number;
  endSec: number;
}

/** One on-screen caption: at most two lines, shown from its first word to its last. */
export interface TimelineCaption {
  startSec: number;
  endSec: number;
  lines: string[];
  words: TimelineCaptionWord[];
  sceneIndex: number;
}

export interface CaptionStyle {
  font: StyleFont;
  /** Font size in output pixels. */
  fontSizePx: number;
  textColor: string;
  outlineColor: string;
  outlineWidthPx: number;
  /** Caption text never goes outside these margins (title-safe area, 10% of each side). */
  safeMarginXPx: number;
  safeMarginYPx: number;
  /** Where captions sit vertically: the centre of the caption block, 0 = top, 1 = bottom. */
  verticalPosition: number;
  /** A box of `color` behind each caption (the outline becomes the box's padding). */
  box?: { color: string; opacity: number };
  /** The word being spoken stands out: drawn in `textColor`, on a box of `boxColor` in `box` mode. */
  highlight?: { mode: 'color' | 'box'; textColor: string; boxColor?: string };
}

/** How scenes hand over: the incoming one takes the last `durationSec` of the outgoing one. */
export interface TimelineTransition {
  kind: TransitionKind;
  durationSec: number;
}

export interface TimelineAudio {
  artifact: ArtifactRef;
  startSec: number;
  lengthSec: number;
  /** Linear gain, 1 = unchanged. */
  volume: number;
}

/** Exactly one of `source` (a track) and `mood` (music the assembler generates). */
export interface TimelineMusic {
  /** Artifact key, local path or http(s) URL. */
  source?: string;
  /** Generated music of this mood. */
  mood?: MusicMood;
  volume: number;
  /** How far the music drops while the voice speaks, in dB (negative). */
  duckingDb: number;
}

/**
 * The provider-neutral edit. Core builds it from Script + Narration + SceneVisuals; every
 * assembler (local ffmpeg, Shotstack) renders the same Timeline.
 */
export interface Timeline {
  version: 1;
  title: string;
  language: string;
  style: StyleId;
  output: OutputFormat;
  durationSec: number;
  visuals: TimelineVisualClip[];
  narration: TimelineAudio;
  music?: TimelineMusic;
  captions: TimelineCaption[];
  captionStyle: CaptionStyle;
  /** Between scenes; absent means hard cuts. */
  transition?: TimelineTransition;
  /** Loudness target for the mix (integrated LUFS) and the true-peak ceiling (dBTP). */
  loudness: { integratedLufs: number; truePeakDb: number };
}
