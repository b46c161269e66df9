/** What a provider call consumed. Every field is optional; `costUsd` only when known. */
export interface UsageV1 {
  inputTokens?: number;
  outputTokens?: number;
  characters?: number;
  images?: number;
  audioSeconds?: number;
  gpuSeconds?: number;
  renderSeconds?: number;
  costUsd?: number;
}
