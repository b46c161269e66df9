import { symlink } from 'node:fs/promises';
import { extname, join } from 'node:path';

const EXTENSIONS: Record<string, string> = {
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/webp': '.webp',
  'image/gif': '.gif',
  'video/mp4': '.mp4',
  'video/webm': '.webm',
  'video/quicktime': '.mov',
  'audio/wav': '.wav',
  'audio/x-wav': '.wav',
  'audio/wave': '.wav',
  'audio/mpeg': '.mp3',
  'audio/mp4': '.m4a',
  'audio/aac': '.aac',
  'audio/ogg': '.ogg',
  'audio/flac': '.flac',
};

/**
 * Links an input file into ffmpeg's working directory under a plain name (`scene-3.png`), so no
 * path ffmpeg sees can hold `%` patterns, protocol prefixes or filtergraph metacharacters.
 * The extension comes from the content type when known (ffmpeg's image reader picks the decoder
 * by it), else from the original file.
 */
export async function stageInput(
  workDirectory: string,
  name: string,
  file: string,
  contentType?: string,
): Promise<string> {
  const fromType = contentType ? EXTENSIONS[contentType.split(';')[0].trim().toLowerCase()] : undefined;
  const original = extname(file).toLowerCase();
  const extension = fromType ?? (/^\.[a-z0-9]{1,5}$/.test(original) ? original : '');
  const staged = `${name}${extension}`;
  await symlink(file, join(workDirectory, staged));
  return staged;
}
