import type { OutputFormat } from '../domain/brief.js';
import type { VisualStyle } from '../styles/style-catalogue.js';
import {
  CAPTION_POSITION_CENTRES,
  CAPTION_PRESETS,
  HIGHLIGHT_BOX_COLOR,
  HIGHLIGHT_TEXT_COLOR,
  type CaptionHighlightMode,
  type CaptionPosition,
  type CaptionPresetId,
} from './caption-presets.js';
import type { CaptionStyle } from './timeline.js';

/** Title-safe area: captions stay 10% of the width and of the height away from every edge. */
export const CAPTION_SAFE_MARGIN = 0.1;
/** Preferred caption size: 6.5% of the frame's shorter side (70 px on a 1080-wide 9:16 frame). */
export const CAPTION_FONT_SIZE_RATIO = 0.065;
/**
 * Average advance of one character of mixed-case text in the catalogue's bold caption fonts,
 * in em (measured: Montserrat 800 ≈ 0.53–0.58, Inter 800 ≈ 0.48–0.53, Fredoka/Righteous ≈ 0.45–0.50).
 */
export const CAPTION_AVERAGE_CHARACTER_EM = 0.58;
/** Centre of the caption block at the `bottom` position: in the lower third, clear of the bottom safe margin. */
export const CAPTION_VERTICAL_POSITION = CAPTION_POSITION_CENTRES.bottom;
export const DEFAULT_MAX_CHARS_PER_LINE = 32;

/** A caption preset with the brief's overrides of its position and highlight. */
export interface CaptionLook {
  preset: CaptionPresetId;
  position?: CaptionPosition;
  highlight?: CaptionHighlightMode;
}

export interface CaptionLayout {
  captionStyle: CaptionStyle;
  /** Characters per line that fit the title-safe width at `captionStyle.fontSizePx`. */
  maxCharsPerLine: number;
}

/**
 * Caption typography for an output size and a visual style. Without `maxCharsPerLine` the font
 * gets its preferred size and the line length follows from the safe width (at most 32 characters);
 * with it, the font shrinks if needed so that many characters fit the safe width. The look (default:
 * the `classic` preset) scales the font and sets the outline, box, highlight and position.
 */
export function captionLayoutFor(
  output: OutputFormat,
  style: VisualStyle,
  maxCharsPerLine?: number,
  look: CaptionLook = { preset: 'classic' },
): CaptionLayout {
  const preset = CAPTION_PRESETS[look.preset];
  const highlight = look.highlight ?? preset.highlight;
  const safeMarginXPx = Math.round(output.width * CAPTION_SAFE_MARGIN);
  const safeMarginYPx = Math.round(output.height * CAPTION_SAFE_MARGIN);
  const safeWidth = output.width - 2 * safeMarginXPx;
  const preferredSize = Math.round(Math.min(output.width, output.height) * CAPTION_FONT_SIZE_RATIO * preset.fontScale);
  const charactersAtPreferredSize = Math.floor(safeWidth / (preferredSize * CAPTION_AVERAGE_CHARACTER_EM));
  const lineLength = maxCharsPerLine ?? Math.min(DEFAULT_MAX_CHARS_PER_LINE, charactersAtPreferredSize);
  const fontSizePx = Math.min(preferredSize, Math.floor(safeWidth / (lineLength * CAPTION_AVERAGE_CHARACTER_EM)));
  return {
    maxCharsPerLine: lineLength,
    captionStyle: {
      font: style.captionFont,
      fontSizePx,
      textColor: captionTextColor(style),
      outlineColor: captionOutlineColor(style),
      outlineWidthPx: Math.max(2, Math.round(fontSizePx * preset.outlineEm)),
      safeMarginXPx,
      safeMarginYPx,
      verticalPosition: CAPTION_POSITION_CENTRES[look.position ?? preset.position],
      ...(preset.boxOpacity > 0 ? { box: { color: captionOutlineColor(style), opacity: preset.boxOpacity } } : {}),
      ...(highlight === 'none'
        ? {}
        : {
            highlight: {
              mode: highlight,
              textColor: HIGHLIGHT_TEXT_COLOR,
              ...(highlight === 'box' ? { boxColor: HIGHLIGHT_BOX_COLOR } : {}),
            },
          }),
    },
  };
}

/** The style's text colour when it is white-ish (readable over any picture with an outline), else white. */
function captionTextColor(style: VisualStyle): string {
  return relativeLuminance(style.palette.text) >= 0.85 ? style.palette.text.toLowerCase() : '#ffffff';
}

/** The style's darkest background colour when it is near-black, else black. */
function captionOutlineColor(style: VisualStyle): string {
  const darkest = style.palette.background[0];
  return relativeLuminance(darkest) <= 0.02 ? darkest.toLowerCase() : '#000000';
}

/** WCAG relative luminance of a `#rrggbb` colour (0 black – 1 white). */
export function relativeLuminance(hex: string): number {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`Colour ${JSON.stringify(hex)} is not a #rrggbb colour.`);
  const [red, green, blue] = match.slice(1).map((part) => {
    const channel = Number.parseInt(part, 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
}

/** WCAG contrast ratio between two `#rrggbb` colours (1–21). */
export function contrastRatio(first: string, second: string): number {
  const [light, dark] = [relativeLuminance(first), relativeLuminance(second)].sort((a, b) => b - a);
  return (light + 0.05) / (dark + 0.05);
}
