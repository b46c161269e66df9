import { createHash } from 'node:crypto';
import { errorAnswer, type FakeAnswer } from './fake-openai-answers.js';
import { fakeSpeechDurationSec } from './fake-speech-audio.js';

/** What the fake's `/v1/audio/speech` said, by the SHA-256 of the WAV it returned: the "recogniser" of the fake. */
export type SpokenTexts = Map<string, string>;

export function audioFingerprint(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

interface FormPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

/** A `multipart/form-data` body split into its parts (what the OpenAI SDK sends for uploads). */
export function parseMultipart(body: Buffer, contentType: string): FormPart[] | undefined {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!boundary) return undefined;
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const parts: FormPart[] = [];
  let start = body.indexOf(delimiter);
  while (start >= 0) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next < 0) break;
    const chunk = body.subarray(start + delimiter.length + 2, next - 2);
    const headerEnd = chunk.indexOf('\r\n\r\n');
    const headers = chunk.subarray(0, headerEnd).toString('utf8');
    const disposition = /name="([^"]*)"(?:; filename="([^"]*)")?/i.exec(headers);
    if (disposition) {
      parts.push({
        name: disposition[1],
        filename: disposition[2],
        contentType: /content-type:\s*(\S+)/i.exec(headers)?.[1],
        data: chunk.subarray(headerEnd + 4),
      });
    }
    start = next;
  }
  return parts;
}

function invalid(message: string, param: string | null = null): FakeAnswer {
  return errorAnswer(400, { message, type: 'invalid_request_error', param, code: null });
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * `/v1/audio/transcriptions` as OpenAI answers it for the fake's own speech. The words come from
 * the text the WAV was made from, spread over its speech the way `fakeSpeechWav` lays it out,
 * with Whisper's habits: no punctuation on words, times to 10 ms, usage in seconds. OpenAI's
 * rules are kept: word timestamps need `verbose_json`, which only `whisper-1` returns; audio the
 * fake did not make is heard as nothing.
 */
export function transcriptionAnswer(
  parts: FormPart[] | undefined,
  spoken: SpokenTexts,
): { answer: FakeAnswer; form: Record<string, unknown> | undefined } {
  const form: Record<string, unknown> | undefined =
    parts &&
    Object.fromEntries(
      parts.map((part) => [
        part.name,
        part.filename
          ? { filename: part.filename, contentType: part.contentType, bytes: part.data.length }
          : part.data.toString('utf8'),
      ]),
    );
  // Repeated fields (`timestamp_granularities[]`) are recorded as arrays.
  for (const part of parts ?? [])
    if (part.name.endsWith('[]') && form)
      form[part.name] = parts!.filter((other) => other.name === part.name).map((other) => other.data.toString('utf8'));
  return { answer: answerFor(parts, spoken), form };
}

function answerFor(parts: FormPart[] | undefined, spoken: SpokenTexts): FakeAnswer {
  if (!parts) return invalid('Could not parse multipart form');
  const field = (name: string) => parts.filter((part) => part.name === name).map((part) => part.data.toString('utf8'));
  const file = parts.find((part) => part.name === 'file');
  const [model] = field('model');
  if (!file) return invalid("Missing required parameter: 'file'.", 'file');
  if (!model) return invalid('you must provide a model parameter', 'model');
  const format = field('response_format')[0] ?? 'json';
  const granularities = field('timestamp_granularities[]');
  if (format === 'verbose_json' && model !== 'whisper-1')
    return invalid(
      `response_format 'verbose_json' is not compatible with model '${model}'. Use 'json' or 'text' instead.`,
      'response_format',
    );
  if (granularities.length > 0 && format !== 'verbose_json')
    return invalid("timestamp_granularities requires response_format to be 'verbose_json'.", 'timestamp_granularities');
  const text = spoken.get(audioFingerprint(file.data)) ?? '';
  const words = text
    .split(/\s+/u)
    .map((word) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}']+$/gu, ''))
    .filter(Boolean);
  const durationSec = text ? fakeSpeechDurationSec(text) : file.data.length / 48_000;
  if (format !== 'verbose_json')
    return { json: { text, usage: { type: 'duration', seconds: Math.ceil(durationSec) } } };
  // fakeSpeechWav: 0.1 s of silence, then the speech, then 0.15 s of silence.
  const speechStart = 0.1;
  const step = (durationSec - 0.25) / Math.max(1, words.length);
  return {
    json: {
      task: 'transcribe',
      language: 'english',
      duration: round2(durationSec),
      text,
      ...(granularities.includes('word')
        ? {
            words: words.map((word, index) => ({
              word,
              start: round2(speechStart + index * step),
              end: round2(speechStart + (index + 0.85) * step),
            })),
          }
        : {}),
      ...(granularities.includes('segment') ? { segments: [] } : {}),
      usage: { type: 'duration', seconds: Math.ceil(durationSec) },
    },
  };
}
