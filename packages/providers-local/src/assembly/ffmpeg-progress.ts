/**
 * Reads ffmpeg's `-progress pipe:1` output (blocks of `key=value` lines ending in
 * `progress=continue|end`) and reports how many seconds of output have been written.
 */
export class FfmpegProgressParser {
  private pending = '';

  constructor(private readonly onOutputTime: (seconds: number, finished: boolean) => void) {}

  push(chunk: string | Buffer): void {
    this.pending += chunk.toString();
    const lines = this.pending.split('\n');
    this.pending = lines.pop() ?? '';
    for (const line of lines) this.readLine(line.trim());
  }

  private latestSeconds = 0;

  private readLine(line: string): void {
    const separator = line.indexOf('=');
    if (separator < 0) return;
    const key = line.slice(0, separator);
    const value = line.slice(separator + 1);
    if (key === 'out_time') {
      const seconds = parseClockTime(value);
      if (seconds !== undefined) this.latestSeconds = seconds;
    } else if (key === 'progress') {
      this.onOutputTime(this.latestSeconds, value === 'end');
    }
  }
}

/** `HH:MM:SS.micro` (possibly negative or `N/A` at the start) to seconds. */
export function parseClockTime(value: string): number | undefined {
  const match = /^(-)?(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(value.trim());
  if (!match) return undefined;
  const seconds = Number(match[2]) * 3600 + Number(match[3]) * 60 + Number(match[4]);
  return match[1] ? 0 : seconds;
}
