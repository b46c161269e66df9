import type { StyleId, VisualStyle } from '@looply/core';
import { type Rgb, luminance, mixColours, parseHexColour } from './colour.js';
import { motifsFromPrompt, type PromptMotifs } from './prompt-motifs.js';
import { formatHeading, sceneHeading } from './scene-heading.js';
import { createSeededRandom, seedFrom } from './seeded-random.js';

/** The decorative layer behind the motifs; every scene gets a different one from its neighbours. */
export const PATTERN_FAMILIES = ['rings', 'hills', 'bokeh', 'bands', 'tiles', 'horizon', 'blobs'] as const;
export type PatternFamily = (typeof PATTERN_FAMILIES)[number];

// Coprime with the family count: scenes i, i+1 and i+2 always get three different families.
const PATTERN_STEP = 3;

export interface SceneColours {
  /** Background gradient ends (the style's `background`). */
  deep: Rgb;
  far: Rgb;
  /** The dominant shape colour of this scene (primary or accent, alternating), and the other one. */
  lead: Rgb;
  second: Rgb;
  /** The style's own primary and accent, for things that keep their colour in every scene. */
  primary: Rgb;
  accent: Rgb;
  text: Rgb;
  /** True for light palettes (minimal): shapes darken instead of glow. */
  light: boolean;
}

/** Everything a still is drawn from: plain data, decided before any pixel is drawn. */
export interface SceneComposition {
  width: number;
  height: number;
  pattern: PatternFamily;
  motifs: PromptMotifs;
  /** Where the sky meets the ground, in pixels from the top. */
  horizonY: number;
  /** Top of the caption zone (the lower 35 %), kept calm for burned captions. */
  captionTop: number;
  /** Title-safe margin (10 % of each side). */
  safeX: number;
  safeY: number;
  /** The centre of interest: the sun, the glow, the rings' centre. */
  focusX: number;
  focusY: number;
  /** Background gradient direction, radians from straight down. */
  gradientTilt: number;
  colours: SceneColours;
  heading: string;
  headingAlign: 'center' | 'left';
  /** Seed for the details each layer draws. */
  detailSeed: number;
}

export interface SceneCompositionInput {
  width: number;
  height: number;
  sceneIndex: number;
  prompt: string;
  /** The video title: sets the video's pattern sequence and is the last-resort heading. */
  title: string;
  style: VisualStyle;
  language?: string;
}

const UPPERCASE_STYLES: ReadonlySet<StyleId> = new Set(['modern', 'retro', 'playful']);

export function composeScene(input: SceneCompositionInput): SceneComposition {
  const { width, height, style } = input;
  const random = createSeededRandom(seedFrom('composition', input.prompt, input.sceneIndex));
  const offset = seedFrom('patterns', input.title) % PATTERN_FAMILIES.length;
  const pattern = PATTERN_FAMILIES[(offset + input.sceneIndex * PATTERN_STEP) % PATTERN_FAMILIES.length];
  const landscape = width > height;

  const primary = parseHexColour(style.palette.primary);
  const accent = parseHexColour(style.palette.accent);
  const deep = parseHexColour(style.palette.background[0]);
  const far = parseHexColour(style.palette.background[1]);
  const swap = (input.sceneIndex + (random.chance(0.5) ? 1 : 0)) % 2 === 1;
  const colours: SceneColours = {
    deep,
    far,
    lead: swap ? accent : primary,
    second: swap ? primary : accent,
    primary,
    accent,
    text: parseHexColour(style.palette.text),
    light: luminance(mixColours(deep, far, 0.5)) > 0.45,
  };

  const heading = formatHeading(
    sceneHeading(input.prompt, input.title),
    UPPERCASE_STYLES.has(style.id) ? 'upper' : 'title',
    input.language,
  );
  return {
    width,
    height,
    pattern,
    motifs: motifsFromPrompt(input.prompt),
    horizonY: Math.round(height * random.between(0.58, 0.64)),
    captionTop: Math.round(height * 0.65),
    safeX: Math.round(width * 0.1),
    safeY: Math.round(height * 0.1),
    focusX: width * (landscape ? random.between(0.25, 0.75) : random.between(0.28, 0.72)),
    // Below the heading (two lines take a larger share of the height in wide and square frames).
    focusY: height * (width >= height ? random.between(0.38, 0.46) : random.between(0.32, 0.44)),
    gradientTilt: random.between(-0.35, 0.35),
    colours,
    heading,
    headingAlign: landscape && random.chance(0.5) ? 'left' : 'center',
    detailSeed: random.integer(0, 0xffffffff),
  };
}
