import { createHash } from 'node:crypto';
import { createCanvas } from '@napi-rs/canvas';

/** A real PNG of the given size whose colours depend on the prompt, so different scenes differ. */
export async function fakeImagePng(width: number, height: number, prompt: string): Promise<Buffer> {
  const digest = createHash('sha256').update(prompt).digest();
  const hue = (offset: number) => Math.round((digest[offset] / 255) * 360);
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  const gradient = context.createLinearGradient(0, 0, width, height);
  gradient.addColorStop(0, `hsl(${hue(0)}, 70%, 25%)`);
  gradient.addColorStop(1, `hsl(${hue(1)}, 70%, 55%)`);
  context.fillStyle = gradient;
  context.fillRect(0, 0, width, height);
  for (let index = 0; index < 5; index++) {
    context.fillStyle = `hsla(${hue(2 + index)}, 80%, 60%, 0.6)`;
    context.beginPath();
    context.arc(
      (digest[8 + index] / 255) * width,
      (digest[16 + index] / 255) * height,
      (Math.min(width, height) / 10) * (1 + (digest[24 + index] % 3)),
      0,
      Math.PI * 2,
    );
    context.fill();
  }
  return canvas.encode('png');
}
