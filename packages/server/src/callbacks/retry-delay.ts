/**
 * Delay before attempt `attempt + 1` after `attempt` failed: base·2^(attempt−1) with ±20 % jitter,
 * capped at `maxMs`; a receiver's Retry-After wins when longer (still capped).
 */
export function retryDelayMs(
  attempt: number,
  settings: { baseDelayMs: number; maxDelayMs: number },
  retryAfterSeconds?: number,
  random: () => number = Math.random,
): number {
  const exponential = settings.baseDelayMs * 2 ** Math.max(0, attempt - 1);
  const jittered = exponential * (0.8 + 0.4 * random());
  const asked = retryAfterSeconds !== undefined ? retryAfterSeconds * 1000 : 0;
  return Math.round(Math.min(settings.maxDelayMs, Math.max(jittered, asked)));
}
