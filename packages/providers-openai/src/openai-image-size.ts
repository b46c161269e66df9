/** Sizes each image model can produce. gpt-image models share one set. */
const SIZES: Array<{ matches: (model: string) => boolean; sizes: string[] }> = [
  { matches: (model) => model.startsWith('dall-e-3'), sizes: ['1024x1024', '1024x1792', '1792x1024'] },
  { matches: (model) => model.startsWith('dall-e-2'), sizes: ['1024x1024'] },
  { matches: () => true, sizes: ['1024x1024', '1024x1536', '1536x1024'] },
];

export type ImageModelFamily = 'gpt-image' | 'dall-e-3' | 'dall-e-2';

export function imageModelFamily(model: string): ImageModelFamily {
  if (model.startsWith('dall-e-3')) return 'dall-e-3';
  if (model.startsWith('dall-e-2')) return 'dall-e-2';
  return 'gpt-image';
}

/** The supported size whose aspect ratio is closest to the output's (compared on a log scale, so 2:1 and 1:2 are equally far from 1:1). */
export function nearestImageSize(model: string, output: { width: number; height: number }): string {
  const sizes = SIZES.find((entry) => entry.matches(model))!.sizes;
  const wanted = Math.log(output.width / output.height);
  let best = sizes[0];
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const size of sizes) {
    const [width, height] = size.split('x').map(Number);
    const distance = Math.abs(Math.log(width / height) - wanted);
    if (distance < bestDistance) {
      best = size;
      bestDistance = distance;
    }
  }
  return best;
}
