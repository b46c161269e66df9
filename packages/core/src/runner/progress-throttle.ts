/**
 * Passes on at most one value per interval (the latest one), never two writes at once, and
 * nothing after `stop()`: a provider may report progress on every frame.
 */
export class ProgressThrottle {
  private latest: number | undefined;
  private lastWriteAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly intervalMs: number,
    private readonly write: (fraction: number) => Promise<void>,
  ) {}

  report(fraction: number): void {
    if (this.stopped || !Number.isFinite(fraction)) return;
    this.latest = fraction;
    if (this.timer || this.writing) return;
    const wait = this.lastWriteAt + this.intervalMs - Date.now();
    if (wait <= 0) this.flush();
    else this.timer = setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    this.timer = undefined;
    const fraction = this.latest;
    if (this.stopped || fraction === undefined) return;
    this.latest = undefined;
    this.lastWriteAt = Date.now();
    this.writing = this.write(fraction).finally(() => {
      this.writing = undefined;
      if (this.latest !== undefined) this.report(this.latest);
    });
  }

  /** Drops what is not written yet and waits for a write in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.writing;
  }
}
