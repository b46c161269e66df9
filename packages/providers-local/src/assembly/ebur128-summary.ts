/** What ffmpeg's `ebur128=peak=true` filter prints in its closing summary. */
export interface LoudnessMeasurement {
  /** Integrated loudness in LUFS (−70 when the signal never rose above the gate). */
  integratedLufs: number;
  /** Loudness range in LU. */
  loudnessRangeLu?: number;
  /** True peak in dBTP (ffmpeg prints it as dBFS); absent unless `peak=true`. */
  truePeakDb?: number;
}

/** Reads the last `Summary:` block of an `ebur128` run from ffmpeg's stderr. */
export function parseEbur128Summary(stderr: string): LoudnessMeasurement {
  const start = stderr.lastIndexOf('Summary:');
  if (start < 0)
    throw new Error(
      'ffmpeg printed no ebur128 summary (was the ebur128 filter in the graph and the log level at least info?)',
    );
  const summary = stderr.slice(start);
  const integrated = /I:\s*(-?[\d.]+|-inf)\s*LUFS/.exec(summary);
  if (!integrated) throw new Error(`ebur128 summary has no integrated loudness: ${summary.slice(0, 300)}`);
  const range = /LRA:\s*(-?[\d.]+)\s*LU\b/.exec(summary);
  const peak = /True peak:\s*\n\s*Peak:\s*(-?[\d.]+|-inf)\s*dBFS/.exec(summary);
  return {
    integratedLufs: toDecibels(integrated[1]),
    ...(range ? { loudnessRangeLu: Number(range[1]) } : {}),
    ...(peak ? { truePeakDb: toDecibels(peak[1]) } : {}),
  };
}

function toDecibels(value: string): number {
  return value === '-inf' ? Number.NEGATIVE_INFINITY : Number(value);
}
