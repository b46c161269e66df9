import { readFileSync } from 'node:fs';

/** The vertical metrics libass sizes text with. */
export interface FontVerticalMetrics {
  unitsPerEm: number;
  /** OS/2 usWinAscent + usWinDescent: what an ASS `Fontsize` maps to (VSFilter compatibility). */
  windowsHeight: number;
  /** hhea ascender − descender: the height of one line. */
  lineHeight: number;
}

const cache = new Map<string, FontVerticalMetrics>();

/**
 * Reads head.unitsPerEm, hhea ascender/descender and OS/2 usWinAscent/usWinDescent. libass
 * scales a font so that usWinAscent + usWinDescent equals the ASS `Fontsize`, so a caption
 * meant to be N px per em needs `Fontsize = N × windowsHeight / unitsPerEm`.
 */
export function readFontVerticalMetrics(path: string): FontVerticalMetrics {
  let metrics = cache.get(path);
  if (metrics) return metrics;
  const data = readFileSync(path);
  const tables = new Map<string, number>();
  const count = data.readUInt16BE(4);
  for (let index = 0; index < count; index += 1) {
    const record = 12 + index * 16;
    tables.set(data.toString('latin1', record, record + 4), data.readUInt32BE(record + 8));
  }
  const offset = (tag: string): number => {
    const value = tables.get(tag);
    if (value === undefined) throw new Error(`Font ${path} has no "${tag}" table`);
    return value;
  };
  const unitsPerEm = data.readUInt16BE(offset('head') + 18);
  const hhea = offset('hhea');
  const lineHeight = data.readInt16BE(hhea + 4) - data.readInt16BE(hhea + 6);
  const os2 = tables.get('OS/2');
  const windowsHeight = os2 === undefined ? lineHeight : data.readUInt16BE(os2 + 74) + data.readUInt16BE(os2 + 76);
  metrics = { unitsPerEm, windowsHeight: windowsHeight || lineHeight, lineHeight };
  cache.set(path, metrics);
  return metrics;
}
