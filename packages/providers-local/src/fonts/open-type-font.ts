import { readFileSync } from 'node:fs';

/** The facts about a TrueType/OpenType file that font matchers (libass, fontconfig, skia) rely on. */
export interface OpenTypeFontInfo {
  /** Name ID 1: the legacy (GDI) family, which libass matches, e.g. `Montserrat ExtraBold`. */
  familyName: string;
  /** Name ID 2, e.g. `Regular`, `Bold`. */
  subfamilyName: string;
  /** Name ID 16 when present: the family that groups every weight, e.g. `Montserrat`. */
  typographicFamilyName?: string;
  /** Name ID 4, e.g. `Montserrat ExtraBold`. */
  fullName: string;
  /** Name ID 6, e.g. `Montserrat-ExtraBold`. */
  postScriptName: string;
  /** OS/2 usWeightClass (100–900). */
  weightClass: number;
  /** head.macStyle bold bit: the face is the bold member of its legacy family. */
  bold: boolean;
  italic: boolean;
  /** Whether the font maps this Unicode code point to a glyph. */
  hasGlyph(codePoint: number): boolean;
}

interface TableRecord {
  offset: number;
  length: number;
}

const NAME_ID = { family: 1, subfamily: 2, fullName: 4, postScriptName: 6, typographicFamily: 16 } as const;
const PLATFORM_UNICODE = 0;
const PLATFORM_MACINTOSH = 1;
const PLATFORM_WINDOWS = 3;
const WINDOWS_ENGLISH_US = 0x409;

/** Reads the name, head, OS/2 and cmap tables of a single-face .ttf/.otf file. */
export function readOpenTypeFont(path: string): OpenTypeFontInfo {
  const data = readFileSync(path);
  try {
    return parseOpenTypeFont(data);
  } catch (error) {
    throw new Error(`Cannot read font file ${path}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

export function parseOpenTypeFont(data: Buffer): OpenTypeFontInfo {
  const tables = readTableDirectory(data);
  const names = readNameTable(data, requireTable(tables, 'name'));
  const head = requireTable(tables, 'head');
  const macStyle = data.readUInt16BE(head.offset + 44);
  const os2 = tables.get('OS/2');
  const weightClass = os2 ? data.readUInt16BE(os2.offset + 4) : macStyle & 1 ? 700 : 400;
  const hasGlyph = readCharacterMap(data, requireTable(tables, 'cmap'));

  const name = (id: number): string | undefined => names.get(id);
  const familyName = name(NAME_ID.family);
  if (!familyName) throw new Error('the name table has no family name (name ID 1)');
  const subfamilyName = name(NAME_ID.subfamily) ?? 'Regular';
  return {
    familyName,
    subfamilyName,
    typographicFamilyName: name(NAME_ID.typographicFamily),
    fullName: name(NAME_ID.fullName) ?? `${familyName} ${subfamilyName}`,
    postScriptName: name(NAME_ID.postScriptName) ?? familyName.replace(/\s+/g, ''),
    weightClass,
    bold: (macStyle & 1) !== 0,
    italic: (macStyle & 2) !== 0,
    hasGlyph,
  };
}

function readTableDirectory(data: Buffer): Map<string, TableRecord> {
  if (data.length < 12) throw new Error('file too short for an OpenType table directory');
  const version = data.readUInt32BE(0);
  // 0x00010000 (TrueType outlines), 'OTTO' (CFF outlines), 'true' (Apple TrueType).
  if (version !== 0x00010000 && version !== 0x4f54544f && version !== 0x74727565) {
    throw new Error(`not a single-face TrueType/OpenType file (version 0x${version.toString(16)})`);
  }
  const count = data.readUInt16BE(4);
  const tables = new Map<string, TableRecord>();
  for (let index = 0; index < count; index += 1) {
    const recordOffset = 12 + index * 16;
    const tag = data.toString('latin1', recordOffset, recordOffset + 4);
    const offset = data.readUInt32BE(recordOffset + 8);
    const length = data.readUInt32BE(recordOffset + 12);
    if (offset + length > data.length) throw new Error(`table ${tag} extends past the end of the file`);
    tables.set(tag, { offset, length });
  }
  return tables;
}

function requireTable(tables: Map<string, TableRecord>, tag: string): TableRecord {
  const table = tables.get(tag);
  if (!table) throw new Error(`missing the required "${tag}" table`);
  return table;
}

/** Name ID → string, preferring Windows English (US), then any Windows record, then Macintosh Roman. */
function readNameTable(data: Buffer, table: TableRecord): Map<number, string> {
  const count = data.readUInt16BE(table.offset + 2);
  const storage = table.offset + data.readUInt16BE(table.offset + 4);
  const best = new Map<number, { rank: number; value: string }>();
  for (let index = 0; index < count; index += 1) {
    const record = table.offset + 6 + index * 12;
    const platform = data.readUInt16BE(record);
    const language = data.readUInt16BE(record + 4);
    const nameId = data.readUInt16BE(record + 6);
    const length = data.readUInt16BE(record + 8);
    const start = storage + data.readUInt16BE(record + 10);
    let rank: number;
    let value: string;
    if (platform === PLATFORM_WINDOWS || platform === PLATFORM_UNICODE) {
      rank =
        platform === PLATFORM_WINDOWS && language === WINDOWS_ENGLISH_US ? 0 : platform === PLATFORM_WINDOWS ? 1 : 2;
      value = decodeUtf16BigEndian(data.subarray(start, start + length));
    } else if (platform === PLATFORM_MACINTOSH && language === 0) {
      rank = 3;
      value = data.toString('latin1', start, start + length);
    } else {
      continue;
    }
    const current = best.get(nameId);
    if (!current || rank < current.rank) best.set(nameId, { rank, value });
  }
  return new Map([...best].map(([nameId, { value }]) => [nameId, value]));
}

function decodeUtf16BigEndian(bytes: Buffer): string {
  const swapped = Buffer.from(bytes);
  swapped.swap16();
  return swapped.toString('utf16le');
}

/** Returns a lookup over the best Unicode subtable: format 12 (full Unicode) or format 4 (BMP). */
function readCharacterMap(data: Buffer, table: TableRecord): (codePoint: number) => boolean {
  const count = data.readUInt16BE(table.offset + 2);
  let format4: number | undefined;
  let format12: number | undefined;
  for (let index = 0; index < count; index += 1) {
    const record = table.offset + 4 + index * 8;
    const platform = data.readUInt16BE(record);
    const encoding = data.readUInt16BE(record + 2);
    const subtable = table.offset + data.readUInt32BE(record + 4);
    const isUnicode =
      platform === PLATFORM_UNICODE || (platform === PLATFORM_WINDOWS && (encoding === 1 || encoding === 10));
    if (!isUnicode) continue;
    const format = data.readUInt16BE(subtable);
    if (format === 12) format12 ??= subtable;
    else if (format === 4) format4 ??= subtable;
  }
  if (format12 !== undefined) return readFormat12(data, format12);
  if (format4 !== undefined) return readFormat4(data, format4);
  throw new Error('the cmap table has no Unicode subtable of format 4 or 12');
}

function readFormat12(data: Buffer, subtable: number): (codePoint: number) => boolean {
  const groupCount = data.readUInt32BE(subtable + 12);
  const groups: Array<[start: number, end: number, glyph: number]> = [];
  for (let index = 0; index < groupCount; index += 1) {
    const group = subtable + 16 + index * 12;
    groups.push([data.readUInt32BE(group), data.readUInt32BE(group + 4), data.readUInt32BE(group + 8)]);
  }
  return (codePoint) => {
    const group = groups.find(([start, end]) => codePoint >= start && codePoint <= end);
    return group !== undefined && group[2] + (codePoint - group[0]) !== 0;
  };
}

function readFormat4(data: Buffer, subtable: number): (codePoint: number) => boolean {
  const segmentCount = data.readUInt16BE(subtable + 6) / 2;
  const endCodes = subtable + 14;
  const startCodes = endCodes + segmentCount * 2 + 2;
  const deltas = startCodes + segmentCount * 2;
  const rangeOffsets = deltas + segmentCount * 2;
  return (codePoint) => {
    if (codePoint > 0xffff) return false;
    for (let segment = 0; segment < segmentCount; segment += 1) {
      if (data.readUInt16BE(endCodes + segment * 2) < codePoint) continue;
      const start = data.readUInt16BE(startCodes + segment * 2);
      if (start > codePoint) return false;
      const delta = data.readUInt16BE(deltas + segment * 2);
      const rangeOffsetAddress = rangeOffsets + segment * 2;
      const rangeOffset = data.readUInt16BE(rangeOffsetAddress);
      if (rangeOffset === 0) return ((codePoint + delta) & 0xffff) !== 0;
      const glyph = data.readUInt16BE(rangeOffsetAddress + rangeOffset + (codePoint - start) * 2);
      return glyph !== 0;
    }
    return false;
  };
}
