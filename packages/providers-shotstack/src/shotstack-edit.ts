import type { Timeline, TimelineVisualClip, WarningV1 } from '@looply/core';

/** A Shotstack Edit (POST /edit/{stage|v1}/render body), the subset Looply writes. */
export interface ShotstackEdit {
  timeline: {
    background: string;
    soundtrack?: { src: string; volume: number; effect?: 'fadeIn' | 'fadeOut' | 'fadeInFadeOut' };
    tracks: Array<{ clips: ShotstackClip[] }>;
  };
  output: { format: 'mp4'; size: { width: number; height: number }; fps: number };
  callback?: string;
}

export interface ShotstackClip {
  asset: Record<string, unknown> & { type: string };
  start: number;
  length: number;
  fit?: 'crop' | 'cover' | 'contain' | 'none';
  effect?: string;
  position?: string;
  offset?: { x: number; y: number };
}

/** Shotstack's accepted output rates; a brief's rate is mapped to the nearest. */
const SHOTSTACK_FPS = [12, 15, 23.976, 24, 25, 29.97, 30, 48, 50, 59.94, 60];

export interface EditInputs {
  timeline: Timeline;
  /** A URL Shotstack can fetch an artifact from (signed, expiring). */
  assetUrl: (key: string) => string;
  /** The captions as a SubRip file already stored, when there are captions. */
  subtitlesKey?: string;
  callbackUrl?: string;
}

const round = (value: number) => Math.round(value * 1000) / 1000;

/** Shotstack's named motion closest to a Ken Burns move: zooms by scale, pans by the direction the view travels. */
function effectFor(clip: TimelineVisualClip): string | undefined {
  if (clip.motion.type !== 'ken-burns') return undefined;
  const { from, to } = clip.motion;
  if (to.scale > from.scale + 1e-6) return 'zoomInSlow';
  if (to.scale < from.scale - 1e-6) return 'zoomOutSlow';
  const dx = to.centerX - from.centerX;
  const dy = to.centerY - from.centerY;
  // The view moving right makes the picture slide left.
  if (Math.abs(dx) >= Math.abs(dy)) return dx > 0 ? 'slideLeftSlow' : 'slideRightSlow';
  return dy > 0 ? 'slideUpSlow' : 'slideDownSlow';
}

/** A scene's clips: a still is one image clip; a video shorter than its scene repeats back to back (Shotstack does not loop). */
function visualClips(clip: TimelineVisualClip, assetUrl: (key: string) => string): ShotstackClip[] {
  const src = assetUrl(clip.artifact.key);
  if (clip.kind === 'image') {
    const effect = effectFor(clip);
    return [
      {
        asset: { type: 'image', src },
        start: round(clip.startSec),
        length: round(clip.lengthSec),
        fit: 'crop',
        ...(effect ? { effect } : {}),
      },
    ];
  }
  const piece = clip.sourceDurationSec && clip.sourceDurationSec > 0 ? clip.sourceDurationSec : clip.lengthSec;
  const clips: ShotstackClip[] = [];
  for (let offset = 0; offset < clip.lengthSec - 1e-3; offset += piece) {
    const length = Math.min(piece, clip.lengthSec - offset);
    clips.push({
      asset: { type: 'video', src, volume: 0 },
      start: round(clip.startSec + offset),
      length: round(length),
      fit: 'crop',
    });
  }
  return clips;
}

/** Converts the core Timeline into a Shotstack Edit: captions on top, then pictures; narration as an audio clip; music as the soundtrack. */
export function timelineToEdit(inputs: EditInputs): { edit: ShotstackEdit; warnings: WarningV1[] } {
  const { timeline, assetUrl } = inputs;
  const warnings: WarningV1[] = [];
  const tracks: Array<{ clips: ShotstackClip[] }> = [];
  if (inputs.subtitlesKey && timeline.captions.length > 0) {
    const style = timeline.captionStyle;
    tracks.push({
      clips: [
        {
          asset: {
            type: 'caption',
            src: assetUrl(inputs.subtitlesKey),
            font: { family: style.font.family, color: style.textColor, size: style.fontSizePx, lineHeight: 1.2 },
            background: { color: style.outlineColor, opacity: 0.4, padding: Math.round(style.outlineWidthPx * 2) },
            margin: { top: round(style.verticalPosition), left: 0.1, right: 0.1 },
          },
          start: 0,
          length: round(timeline.durationSec),
        },
      ],
    });
  }
  tracks.push({ clips: timeline.visuals.flatMap((clip) => visualClips(clip, assetUrl)) });
  const narration = timeline.narration;
  tracks.push({
    clips: [
      {
        asset: { type: 'audio', src: assetUrl(narration.artifact.key), volume: round(Math.min(1, narration.volume)) },
        start: round(narration.startSec),
        length: round(narration.lengthSec),
      },
    ],
  });
  let soundtrack: ShotstackEdit['timeline']['soundtrack'];
  if (timeline.captionStyle.highlight && timeline.captions.length > 0) {
    warnings.push({
      type: 'unsupported-setting',
      setting: 'captionStyle.highlight',
      details:
        'Shotstack captions come from a SubRip file: whole captions are shown, the spoken word is not highlighted',
    });
  }
  if (timeline.transition) {
    warnings.push({
      type: 'unsupported-setting',
      setting: 'transition',
      details: `Shotstack clips abut with hard cuts here; the ${timeline.transition.kind} transition is rendered by the local assembler only`,
    });
  }
  if (timeline.music?.mood) {
    warnings.push({
      type: 'unsupported-setting',
      setting: 'music.mood',
      details:
        'generated music is made by the local assembler; Shotstack renders without music (give music.source for a track)',
    });
  } else if (timeline.music?.source) {
    const source = timeline.music.source;
    const src = /^https?:\/\//.test(source) ? source : source.startsWith('/') ? undefined : assetUrl(source);
    if (src) soundtrack = { src, volume: round(Math.min(1, timeline.music.volume)), effect: 'fadeOut' };
    else
      warnings.push({
        type: 'unsupported-setting',
        setting: 'music',
        details: 'Shotstack can only use music it can fetch: a URL or a stored artifact, not a local file',
      });
    warnings.push({
      type: 'unsupported-setting',
      setting: 'music.duckingDb',
      details: 'Shotstack has no ducking: the soundtrack plays at a constant volume',
    });
  }
  const fps = SHOTSTACK_FPS.reduce((best, candidate) =>
    Math.abs(candidate - timeline.output.fps) < Math.abs(best - timeline.output.fps) ? candidate : best,
  );
  const edit: ShotstackEdit = {
    timeline: { background: '#000000', ...(soundtrack ? { soundtrack } : {}), tracks },
    output: { format: 'mp4', size: { width: timeline.output.width, height: timeline.output.height }, fps },
    ...(inputs.callbackUrl ? { callback: inputs.callbackUrl } : {}),
  };
  return { edit, warnings };
}
