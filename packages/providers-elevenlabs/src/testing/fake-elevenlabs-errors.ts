/** ElevenLabs' error body: `{ detail: { status, message } }`. */
export function elevenLabsErrorBody(status: string, message: string) {
  return { detail: { status, message } };
}

type ValidationIssue = { loc: Array<string | number>; msg: string; type: string };

/** FastAPI-style 422 issues for the fields the fake checks in a text-to-speech body. */
export function validateSpeechBody(body: unknown): ValidationIssue[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return [
      {
        loc: ['body'],
        msg: 'Input should be a valid dictionary or object to extract fields from',
        type: 'model_attributes_type',
      },
    ];
  }
  const record = body as Record<string, unknown>;
  const issues: ValidationIssue[] = [];
  if (record.text === undefined) issues.push({ loc: ['body', 'text'], msg: 'Field required', type: 'missing' });
  else if (typeof record.text !== 'string')
    issues.push({ loc: ['body', 'text'], msg: 'Input should be a valid string', type: 'string_type' });
  const settings = record.voice_settings;
  if (settings !== undefined && settings !== null) {
    const bounds: Record<string, [number, number]> = {
      stability: [0, 1],
      similarity_boost: [0, 1],
      style: [0, 1],
      speed: [0.7, 1.2],
    };
    for (const [key, [low, high]] of Object.entries(bounds)) {
      const value = (settings as Record<string, unknown>)[key];
      if (value === undefined) continue;
      if (typeof value !== 'number' || value < low || value > high) {
        issues.push({
          loc: ['body', 'voice_settings', key],
          msg: `Input should be between ${low} and ${high}`,
          type: 'value_error',
        });
      }
    }
  }
  return issues;
}
