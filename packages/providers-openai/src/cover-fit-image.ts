import { createCanvas, loadImage } from '@napi-rs/canvas';

/**
 * Scales an image to cover `width`×`height` and crops the overflow evenly on both sides
 * (CSS `object-fit: cover`), returning a PNG.
 */
export async function coverFitImage(image: Buffer, width: number, height: number): Promise<Buffer> {
  const source = await loadImage(image);
  if (!source.width || !source.height) throw new Error('the image has no size');
  const scale = Math.max(width / source.width, height / source.height);
  const drawWidth = source.width * scale;
  const drawHeight = source.height * scale;
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  context.imageSmoothingEnabled = true;
  context.imageSmoothingQuality = 'high';
  context.drawImage(source, (width - drawWidth) / 2, (height - drawHeight) / 2, drawWidth, drawHeight);
  return canvas.encode('png');
}
