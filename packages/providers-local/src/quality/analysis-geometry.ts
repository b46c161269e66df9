import type { CaptionPixelRule } from './caption-pixel-mask.js';
import type { QualityTimeline } from './quality-timeline.js';

export interface PixelRectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where and how the caption band of the video is analysed. */
export interface CaptionBandGeometry {
  /** The band in video pixels: full width, centred on the captions' vertical position. */
  crop: PixelRectangle;
  /** Analysed size (the band scaled down so the outline stays about 3 pixels wide). */
  width: number;
  height: number;
  /** Analysed pixels per video pixel, horizontally and vertically. */
  scaleX: number;
  scaleY: number;
  rule: CaptionPixelRule;
  /** Caption font size in analysed pixels. */
  fontSizePx: number;
  minPixels: number;
  /** The title-safe box in video pixels (exclusive right / bottom). */
  safeBox: { left: number; top: number; right: number; bottom: number };
}

/** Where the scene pictures are sampled: the part of the frame away from the captions. */
export interface SceneStripGeometry {
  crop: PixelRectangle;
  width: number;
  height: number;
}

const BAND_HALF_HEIGHT = 0.25;
const OUTLINE_TARGET_PX = 3;
const MIN_FONT_PX = 16;
const STRIP_SIZE = 64;

/**
 * The caption band: full width (so captions spilling past the side margins are seen), a half
 * frame tall around the caption centre (so a block drifting past the top or bottom margin is
 * seen), scaled so the outline stays resolvable. Thresholds follow the caption colours.
 */
export function captionBandGeometry(
  videoWidth: number,
  videoHeight: number,
  timeline: QualityTimeline,
): CaptionBandGeometry {
  const style = timeline.captionStyle;
  const factorX = videoWidth / timeline.output.width;
  const factorY = videoHeight / timeline.output.height;
  const fontSize = style.fontSizePx * factorY;
  const outline = style.outlineWidthPx * factorY;
  const centre = style.verticalPosition * videoHeight;
  const top = even(Math.max(0, centre - BAND_HALF_HEIGHT * videoHeight));
  const bottom = Math.min(videoHeight, even(centre + BAND_HALF_HEIGHT * videoHeight));
  const crop = { x: 0, y: top, width: videoWidth, height: bottom - top };

  let scale = outline > 0 ? OUTLINE_TARGET_PX / outline : 0.5;
  scale = Math.min(1, Math.max(0.25, scale, MIN_FONT_PX / fontSize));
  const width = Math.max(2, even(crop.width * scale));
  const height = Math.max(2, even(crop.height * scale));
  const scaleX = width / crop.width;
  const scaleY = height / crop.height;
  const fontSizePx = fontSize * scaleY;

  const text = luma(style.textColor);
  const outlineValue = luma(style.outlineColor);
  const invert = text < outlineValue;
  const [light, dark] = invert ? [255 - text, 255 - outlineValue] : [text, outlineValue];
  const span = Math.max(40, light - dark);
  const rule: CaptionPixelRule = {
    width,
    height,
    brightThreshold: Math.round(Math.min(250, dark + 0.7 * span)),
    darkThreshold: Math.round(Math.max(5, dark + 0.3 * span)),
    reach: Math.ceil(0.1 * fontSizePx) + 1,
    invert,
  };
  return {
    crop,
    width,
    height,
    scaleX,
    scaleY,
    rule,
    fontSizePx,
    minPixels: Math.max(12, Math.round(0.04 * fontSizePx * fontSizePx)),
    safeBox: {
      left: style.safeMarginXPx * factorX,
      top: style.safeMarginYPx * factorY,
      right: videoWidth - style.safeMarginXPx * factorX,
      bottom: videoHeight - style.safeMarginYPx * factorY,
    },
  };
}

/** The larger part of the frame above or below the caption band (the whole frame if both are thin). */
export function sceneStripGeometry(videoWidth: number, videoHeight: number, band: PixelRectangle): SceneStripGeometry {
  const above = band.y;
  const below = videoHeight - (band.y + band.height);
  let crop: PixelRectangle;
  if (Math.max(above, below) < 0.15 * videoHeight) crop = { x: 0, y: 0, width: videoWidth, height: videoHeight };
  else if (above >= below) crop = { x: 0, y: 0, width: videoWidth, height: above };
  else crop = { x: 0, y: band.y + band.height, width: videoWidth, height: below };
  return { crop, width: STRIP_SIZE, height: STRIP_SIZE };
}

/** Luma (0–255) of a `#rrggbb` colour as a BT.709 encoder computes it. */
export function luma(hex: string): number {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`Colour ${JSON.stringify(hex)} is not a #rrggbb colour.`);
  const [red, green, blue] = match.slice(1).map((part) => Number.parseInt(part, 16));
  return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
}

function even(value: number): number {
  return 2 * Math.round(value / 2);
}
