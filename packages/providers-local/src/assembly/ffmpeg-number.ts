/** A number (seconds, gains) as ffmpeg reads it in options and filters: at most six decimals, no trailing zeros. */
export function ffmpegNumber(value: number): string {
  return Number(value.toFixed(6)).toString();
}

/** The same inside an ffmpeg expression: negatives in parentheses, so `t-(-0.2)` never reads as `t--0.2`. */
export function ffmpegExpressionNumber(value: number): string {
  const text = ffmpegNumber(value);
  return value < 0 ? `(${text})` : text;
}
