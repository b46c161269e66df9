/**
 * Caption presets: the look of burned captions, chosen per style and overridable in the brief.
 * A preset sets the size, the outline, an optional box behind the text, how the spoken word is
 * highlighted and where the captions sit. Colours stay the style's (white-ish text, dark edge).
 */
export const CAPTION_PRESET_IDS = ['classic', 'pop', 'boxed', 'spotlight', 'bold'] as const;
export type CaptionPresetId = (typeof CAPTION_PRESET_IDS)[number];

export const CAPTION_POSITIONS = ['top', 'center', 'bottom'] as const;
export type CaptionPosition = (typeof CAPTION_POSITIONS)[number];

/** `color`: the spoken word is drawn in the highlight colour; `box`: also on a coloured box. */
export const CAPTION_HIGHLIGHTS = ['none', 'color', 'box'] as const;
export type CaptionHighlightMode = (typeof CAPTION_HIGHLIGHTS)[number];

export interface CaptionPreset {
  id: CaptionPresetId;
  label: string;
  /** Font size relative to the preferred caption size (6.5% of the shorter side). */
  fontScale: number;
  /** Outline width as a share of the font size. */
  outlineEm: number;
  /** A box of the outline colour behind each caption, at this opacity (0 = none). */
  boxOpacity: number;
  highlight: CaptionHighlightMode;
  position: CaptionPosition;
}

export const CAPTION_PRESETS: Record<CaptionPresetId, CaptionPreset> = {
  classic: {
    id: 'classic',
    label: 'Classic: outlined text, lower third',
    fontScale: 1,
    outlineEm: 0.09,
    boxOpacity: 0,
    highlight: 'none',
    position: 'bottom',
  },
  pop: {
    id: 'pop',
    label: 'Pop: outlined text, the spoken word in colour',
    fontScale: 1,
    outlineEm: 0.1,
    boxOpacity: 0,
    highlight: 'color',
    position: 'bottom',
  },
  boxed: {
    id: 'boxed',
    label: 'Boxed: text on a dark box, the spoken word in colour',
    fontScale: 0.9,
    outlineEm: 0.2,
    boxOpacity: 0.85,
    highlight: 'color',
    position: 'bottom',
  },
  spotlight: {
    id: 'spotlight',
    label: 'Spotlight: the spoken word on a coloured box, centred',
    fontScale: 1,
    outlineEm: 0.1,
    boxOpacity: 0,
    highlight: 'box',
    position: 'center',
  },
  bold: {
    id: 'bold',
    label: 'Bold: larger text, thick outline, the spoken word in colour',
    fontScale: 1.15,
    outlineEm: 0.12,
    boxOpacity: 0,
    highlight: 'color',
    position: 'bottom',
  },
};

/** Centre of the caption block for each position, as a share of the frame height (clamped to the safe area). */
export const CAPTION_POSITION_CENTRES: Record<CaptionPosition, number> = { top: 0.22, center: 0.5, bottom: 0.75 };

/**
 * Colour of the spoken word: a warm yellow that is lighter than any outline (so it still reads
 * as caption text) and measurably darker than the white-ish caption text (so the check sees it move).
 */
export const HIGHLIGHT_TEXT_COLOR = '#facc15';
/** Box behind the spoken word in `box` mode: a deep red, dark enough to edge the text like an outline. */
export const HIGHLIGHT_BOX_COLOR = '#9f1239';
