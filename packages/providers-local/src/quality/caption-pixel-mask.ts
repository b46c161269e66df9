/** How caption text looks in a grayscale picture: light strokes edged by a dark outline (or box). */
export interface CaptionPixelRule {
  width: number;
  height: number;
  /** A text pixel is at least this light (0–255, after `invert`). */
  brightThreshold: number;
  /** An outline pixel is at most this dark (0–255, after `invert`). */
  darkThreshold: number;
  /** How far (pixels) the outline may be from a text pixel on each side. */
  reach: number;
  /** Dark text with a light outline: the picture is inverted first. */
  invert: boolean;
}

/**
 * Marks the pixels that look like caption text: light, with a dark pixel within `reach` on both
 * sides horizontally or on both sides vertically (a light stroke between outline edges). A light
 * area merely bordering a dark one (a sky above a hill) is not marked, so slow camera moves over
 * the background hardly change the mask while a caption appearing changes it at once.
 *
 * Writes 1/0 into `mask` and returns how many pixels are marked. `scratch` must hold
 * `width * height` bytes; it is overwritten. With `tally`, the same pass also adds the mask to
 * `tally.counts` and counts the pixels that differ from `tally.previous` (returned as `changed`).
 */
export function markCaptionPixels(
  frame: Uint8Array,
  rule: CaptionPixelRule,
  mask: Uint8Array,
  scratch: Uint8Array,
  tally?: { previous: Uint8Array; counts: Uint16Array },
): { marked: number; changed: number } {
  const { width, height, brightThreshold, darkThreshold, reach, invert } = rule;
  const size = width * height;
  if (frame.length < size || mask.length < size || scratch.length < size)
    throw new RangeError(`markCaptionPixels needs ${size} bytes per buffer`);
  const kind = pixelKinds(brightThreshold, darkThreshold, invert);

  // Horizontal: scratch bit 1 = dark within reach on the left, bit 2 = on the right.
  for (let y = 0; y < height; y += 1) {
    const row = y * width;
    let lastDark = -1_000_000;
    for (let x = 0; x < width; x += 1) {
      if (kind[frame[row + x]] === DARK) lastDark = x;
      scratch[row + x] = x - lastDark <= reach ? 1 : 0;
    }
    let nextDark = 1_000_000;
    for (let x = width - 1; x >= 0; x -= 1) {
      if (kind[frame[row + x]] === DARK) nextDark = x;
      if (nextDark - x <= reach) scratch[row + x] |= 2;
    }
  }
  // Vertical: bit 4 = dark within reach above; then below, combined into the mask.
  const lastDarkRow = new Int32Array(width).fill(-1_000_000);
  for (let y = 0; y < height; y += 1) {
    const row = y * width;
    for (let x = 0; x < width; x += 1) {
      if (kind[frame[row + x]] === DARK) lastDarkRow[x] = y;
      if (y - lastDarkRow[x] <= reach) scratch[row + x] |= 4;
    }
  }
  const nextDarkRow = lastDarkRow.fill(1_000_000);
  let count = 0;
  let changed = 0;
  const previous = tally?.previous;
  const counts = tally?.counts;
  for (let y = height - 1; y >= 0; y -= 1) {
    const row = y * width;
    for (let x = 0; x < width; x += 1) {
      const index = row + x;
      const pixel = kind[frame[index]];
      if (pixel === DARK) nextDarkRow[x] = y;
      const bits = scratch[index];
      const below = nextDarkRow[x] - y <= reach;
      const marked = pixel === LIGHT && ((bits & 3) === 3 || ((bits & 4) !== 0 && below)) ? 1 : 0;
      mask[index] = marked;
      count += marked;
      if (previous) changed += marked ^ previous[index];
      if (counts) counts[index] += marked;
    }
  }
  return { marked: count, changed };
}

const DARK = 1;
const LIGHT = 2;
const kindTables = new Map<string, Uint8Array>();

/** Lookup table: gray value → DARK, LIGHT or 0. */
function pixelKinds(brightThreshold: number, darkThreshold: number, invert: boolean): Uint8Array {
  const key = `${brightThreshold}:${darkThreshold}:${invert}`;
  let table = kindTables.get(key);
  if (!table) {
    table = new Uint8Array(256);
    for (let value = 0; value < 256; value += 1) {
      const seen = invert ? 255 - value : value;
      table[value] = seen <= darkThreshold ? DARK : seen >= brightThreshold ? LIGHT : 0;
    }
    kindTables.set(key, table);
  }
  return table;
}
