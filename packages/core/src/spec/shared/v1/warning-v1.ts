/** A non-fatal note from a provider, e.g. an option it does not support. */
export type WarningV1 =
  { type: 'unsupported-setting'; setting: string; details?: string } | { type: 'other'; message: string };
