/** The value at `fraction` (0–1) of an ascending list, nearest-rank; NaN for an empty list. */
export function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))];
}

/** Rounded to `digits` decimals, for reports. */
export const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
