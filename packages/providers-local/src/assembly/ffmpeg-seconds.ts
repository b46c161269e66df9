/** A duration in seconds as ffmpeg reads it: at most six decimals, no trailing zeros. */
export function ffmpegSeconds(value: number): string {
  return Number(value.toFixed(6)).toString();
}
