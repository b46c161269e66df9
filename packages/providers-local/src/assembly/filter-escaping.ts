/**
 * ffmpeg filtergraph escaping, both levels (see "Notes on filtergraph escaping" in the ffmpeg
 * filters documentation): first the option value (`\`, `'`, `:`), then the graph description
 * (`\`, `'`, `[`, `]`, `,`, `;`). Use for any file name or text placed in a filter argument.
 */
export function filterArgument(value: string): string {
  return escapeFilterGraph(escapeFilterOptionValue(value));
}

/** Level 1: a value inside `key=value:key=value` filter arguments. */
export function escapeFilterOptionValue(value: string): string {
  return value.replace(/[\\':]/g, (character) => `\\${character}`);
}

/** Level 2: text inside a filtergraph description. */
export function escapeFilterGraph(text: string): string {
  return text.replace(/[\\'[\],;]/g, (character) => `\\${character}`);
}
