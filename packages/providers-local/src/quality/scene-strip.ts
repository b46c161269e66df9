/**
 * Follows a small grayscale picture of the frame (away from the captions) frame by frame: how
 * much each frame differs from the one before (mean absolute difference, 0–255), and copies of
 * the frames asked for (one in the middle of each scene).
 */
export class SceneStrip {
  /** `changes[n]`: mean absolute difference between frame n and frame n − 1 (0 for frame 0). */
  readonly changes: number[] = [];
  private readonly kept = new Map<number, Uint8Array>();
  private previous: Uint8Array | undefined;
  private index = 0;

  constructor(
    private readonly frameBytes: number,
    private readonly keepFrames: ReadonlySet<number>,
  ) {}

  push(frame: Uint8Array): void {
    const current = frame.subarray(0, this.frameBytes);
    this.changes.push(this.previous ? meanAbsoluteDifference(this.previous, current) : 0);
    if (this.keepFrames.has(this.index)) this.kept.set(this.index, Uint8Array.from(current));
    this.previous = Uint8Array.from(current);
    this.index += 1;
  }

  /** The kept copy of frame `index`, if it was asked for. */
  frame(index: number): Uint8Array | undefined {
    return this.kept.get(index);
  }

  get frameCount(): number {
    return this.index;
  }
}

/** Mean absolute difference of two same-size grayscale pictures, 0–255. */
export function meanAbsoluteDifference(first: Uint8Array, second: Uint8Array): number {
  if (first.length !== second.length)
    throw new RangeError(`pictures differ in size: ${first.length} and ${second.length} bytes`);
  let sum = 0;
  for (let index = 0; index < first.length; index += 1) sum += Math.abs(first[index] - second[index]);
  return first.length === 0 ? 0 : sum / first.length;
}
