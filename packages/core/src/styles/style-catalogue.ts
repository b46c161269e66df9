/**
 * The visual style catalogue. Each style gives the local renderer its palette and typography,
 * and every visual model its prompt suffix and negative prompt (WAN 2.2 prompt conventions).
 * Fonts are Google Fonts families (SIL OFL) that cover Latin with accents.
 */
import type { MusicMood } from '../domain/music-mood.js';
import type { CaptionPresetId } from '../timeline/caption-presets.js';
import type { TransitionKind } from '../timeline/transitions.js';

export const STYLE_IDS = ['modern', 'cinematic', 'minimal', 'playful', 'documentary', 'retro'] as const;
export type StyleId = (typeof STYLE_IDS)[number];

export interface StylePalette {
  /** Background gradient stops, darkest first. */
  background: [string, string];
  /** Main shape colour and accent colour. */
  primary: string;
  accent: string;
  /** Text colour on the background. */
  text: string;
}

export interface StyleFont {
  family: string;
  weight: 400 | 500 | 600 | 700 | 800 | 900;
}

export interface VisualStyle {
  id: StyleId;
  label: string;
  palette: StylePalette;
  /** Font for titles drawn into visuals. */
  titleFont: StyleFont;
  /** Font for burned captions. */
  captionFont: StyleFont;
  /** Appended to every positive visual prompt. */
  promptSuffix: string;
  /** Used as (part of) every negative visual prompt. */
  negativePrompt: string;
  /** Camera movement vocabulary the script writer draws from. */
  cameraMoves: string[];
  /** Lighting vocabulary the script writer draws from. */
  lighting: string[];
  /** Caption look unless the brief picks another. */
  captionPreset: CaptionPresetId;
  /** Transition between scenes unless the brief picks another. */
  transition: TransitionKind;
  /** Mood of generated music when the brief asks for `auto` and the tone says nothing. */
  musicMood: MusicMood;
}

const COMMON_NEGATIVE =
  'blurry, low quality, worst quality, jpeg artifacts, watermark, text, subtitles, logo, deformed, extra limbs, extra fingers, static frame';

export const STYLE_CATALOGUE: Record<StyleId, VisualStyle> = {
  modern: {
    id: 'modern',
    label: 'Modern',
    palette: { background: ['#0f172a', '#1e3a8a'], primary: '#38bdf8', accent: '#f472b6', text: '#f8fafc' },
    titleFont: { family: 'Montserrat', weight: 800 },
    captionFont: { family: 'Montserrat', weight: 800 },
    promptSuffix: 'clean modern aesthetic, vibrant saturated colours, crisp detail, shallow depth of field, 4k',
    negativePrompt: `${COMMON_NEGATIVE}, dull colours, cluttered composition`,
    cameraMoves: ['slow dolly in', 'smooth tracking shot', 'gentle orbit', 'slow push in'],
    lighting: ['bright soft daylight', 'neon rim light', 'clean studio lighting'],
    captionPreset: 'pop',
    transition: 'slide',
    musicMood: 'upbeat',
  },
  cinematic: {
    id: 'cinematic',
    label: 'Cinematic',
    palette: { background: ['#0b0b0f', '#3b2a1a'], primary: '#f59e0b', accent: '#14b8a6', text: '#fef3c7' },
    titleFont: { family: 'Playfair Display', weight: 700 },
    captionFont: { family: 'Inter', weight: 800 },
    promptSuffix: 'cinematic film still, anamorphic lens, teal and orange grade, volumetric light, film grain, 35mm',
    negativePrompt: `${COMMON_NEGATIVE}, flat lighting, overexposed, cartoon`,
    cameraMoves: ['slow crane up', 'sweeping aerial shot', 'slow dolly out', 'handheld follow shot'],
    lighting: ['golden hour backlight', 'low-key dramatic lighting', 'moody volumetric haze'],
    captionPreset: 'classic',
    transition: 'crossfade',
    musicMood: 'dramatic',
  },
  minimal: {
    id: 'minimal',
    label: 'Minimal',
    palette: { background: ['#f5f5f4', '#e7e5e4'], primary: '#1c1917', accent: '#ef4444', text: '#1c1917' },
    titleFont: { family: 'Inter', weight: 700 },
    captionFont: { family: 'Inter', weight: 800 },
    promptSuffix: 'minimalist composition, generous negative space, muted palette, soft even light, simple geometry',
    negativePrompt: `${COMMON_NEGATIVE}, busy background, clutter, harsh shadows`,
    cameraMoves: ['locked-off static shot with subtle drift', 'slow lateral slide', 'slow push in'],
    lighting: ['soft diffused light', 'overcast daylight', 'even studio light'],
    captionPreset: 'boxed',
    transition: 'crossfade',
    musicMood: 'calm',
  },
  playful: {
    id: 'playful',
    label: 'Playful',
    palette: { background: ['#7c3aed', '#f97316'], primary: '#facc15', accent: '#22d3ee', text: '#ffffff' },
    titleFont: { family: 'Fredoka', weight: 700 },
    captionFont: { family: 'Fredoka', weight: 700 },
    promptSuffix: 'playful colourful 3d animation style, rounded shapes, cheerful mood, bright pastel lighting',
    negativePrompt: `${COMMON_NEGATIVE}, dark, gloomy, realistic gore`,
    cameraMoves: ['bouncy push in', 'quick whip pan', 'playful orbit'],
    lighting: ['bright cheerful light', 'candy-coloured light', 'sunny afternoon light'],
    captionPreset: 'spotlight',
    transition: 'zoom',
    musicMood: 'playful',
  },
  documentary: {
    id: 'documentary',
    label: 'Documentary',
    palette: { background: ['#1c1917', '#44403c'], primary: '#a8a29e', accent: '#84cc16', text: '#fafaf9' },
    titleFont: { family: 'Merriweather', weight: 700 },
    captionFont: { family: 'Inter', weight: 800 },
    promptSuffix: 'documentary footage, natural colours, realistic detail, observational camera, true to life',
    negativePrompt: `${COMMON_NEGATIVE}, cartoon, illustration, oversaturated, fantasy`,
    cameraMoves: ['steady handheld shot', 'slow pan', 'wide establishing shot'],
    lighting: ['natural available light', 'overcast daylight', 'warm interior light'],
    captionPreset: 'classic',
    transition: 'crossfade',
    musicMood: 'calm',
  },
  retro: {
    id: 'retro',
    label: 'Retro',
    palette: { background: ['#2a1a3e', '#b45309'], primary: '#fb7185', accent: '#fde047', text: '#fff7ed' },
    titleFont: { family: 'Righteous', weight: 400 },
    captionFont: { family: 'Righteous', weight: 400 },
    promptSuffix: 'retro 1980s aesthetic, VHS colour bleed, synthwave palette, warm film tones, vintage grain',
    negativePrompt: `${COMMON_NEGATIVE}, modern minimal, sterile`,
    cameraMoves: ['slow zoom in', 'vintage pan', 'slow dolly in'],
    lighting: ['sunset neon glow', 'warm tungsten light', 'magenta and cyan light'],
    captionPreset: 'bold',
    transition: 'zoom',
    musicMood: 'upbeat',
  },
};

export function getStyle(id: StyleId): VisualStyle {
  return STYLE_CATALOGUE[id];
}
