/** Cuts a raw video byte stream (ffmpeg `-f rawvideo`) into frames of a fixed size. */
export class RawFrameSplitter {
  private readonly frame: Uint8Array;
  private filled = 0;
  /** Frames handed out so far. */
  count = 0;

  constructor(
    readonly frameBytes: number,
    private readonly onFrame: (frame: Uint8Array, index: number) => void,
  ) {
    if (!Number.isInteger(frameBytes) || frameBytes <= 0)
      throw new RangeError(`frame size must be a positive whole number of bytes, got ${frameBytes}`);
    this.frame = new Uint8Array(frameBytes);
  }

  /** The frame buffer is reused: `onFrame` must not keep it. */
  push(chunk: Uint8Array): void {
    let offset = 0;
    while (offset < chunk.length) {
      const take = Math.min(this.frameBytes - this.filled, chunk.length - offset);
      this.frame.set(chunk.subarray(offset, offset + take), this.filled);
      this.filled += take;
      offset += take;
      if (this.filled === this.frameBytes) {
        this.onFrame(this.frame, this.count);
        this.count += 1;
        this.filled = 0;
      }
    }
  }

  /** Bytes of an incomplete last frame (0 when the stream ended on a frame boundary). */
  get leftoverBytes(): number {
    return this.filled;
  }
}
