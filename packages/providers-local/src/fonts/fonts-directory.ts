import { createHash, randomUUID } from 'node:crypto';
import { copyFile, mkdir, rename, stat } from 'node:fs/promises';
import { statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseWith, type StyleFont } from '@looply/core';
import { z } from 'zod';
import { catalogueFonts } from './catalogue-fonts.js';
import { resolveFontFile } from './resolve-font-file.js';

const fontsDirectoryOptionsSchema = z.strictObject({
  /** Where to put the fonts; default a folder in the OS temporary directory named after its content. */
  directory: z.string().min(1).optional(),
  /** Which fonts; default every catalogue font. */
  fonts: z
    .array(
      z.strictObject({
        family: z.string().trim().min(1),
        weight: z.literal([100, 200, 300, 400, 500, 600, 700, 800, 900]),
      }),
    )
    .min(1)
    .optional(),
});
export type FontsDirectoryOptions = z.input<typeof fontsDirectoryOptionsSchema>;

/**
 * A folder holding only the TTFs of the given fonts, for tools that scan a folder
 * (ffmpeg's `subtitles=…:fontsdir=<folder>` for libass). Safe to call concurrently from several
 * processes: files are copied under a temporary name and renamed into place.
 */
export async function fontsDirectory(options: FontsDirectoryOptions = {}): Promise<string> {
  const parsed = parseWith(fontsDirectoryOptionsSchema, options, 'fontsDirectory options');
  const fonts: StyleFont[] = (parsed.fonts as StyleFont[] | undefined) ?? catalogueFonts();
  const files = [...new Set(fonts.map((font) => resolveFontFile(font)))].sort();
  const directory = parsed.directory ?? join(tmpdir(), `looply-fonts-${contentDigest(files)}`);
  await mkdir(directory, { recursive: true });
  await Promise.all(files.map((file) => copyIfChanged(file, join(directory, basename(file)))));
  return directory;
}

function contentDigest(files: string[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${basename(file)}:${statSync(file).size}\n`);
  return hash.digest('hex').slice(0, 12);
}

async function copyIfChanged(source: string, target: string): Promise<void> {
  const [sourceStat, targetStat] = await Promise.all([stat(source), stat(target).catch(() => undefined)]);
  if (targetStat && targetStat.size === sourceStat.size) return;
  const temporary = `${target}.${process.pid}.${randomUUID()}.partial`;
  await copyFile(source, temporary);
  await rename(temporary, target);
}
