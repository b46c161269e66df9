import { invalidRequestAnswer as invalidRequest, type FakeAnswer } from './fake-openai-answers.js';
import { fakeSpeechWav } from './fake-speech-audio.js';
import { audioFingerprint, type SpokenTexts } from './fake-transcription.js';

type Json = Record<string, unknown>;

/** `POST /v1/audio/speech` by default: checks the request like OpenAI, then speaks the input as a WAV it can later transcribe. */
export async function defaultSpeech(body: Json, spoken: SpokenTexts): Promise<FakeAnswer> {
  if (typeof body.model !== 'string') return invalidRequest('you must provide a model parameter', 'model');
  if (typeof body.input !== 'string' || body.input.length === 0)
    return invalidRequest("Missing required parameter: 'input'.", 'input');
  if (body.input.length > 4096)
    return invalidRequest(
      "[{'type': 'string_too_long', 'loc': ('body', 'input'), 'msg': 'String should have at most 4096 characters'}]",
      'input',
    );
  if (body.voice === undefined) return invalidRequest("Missing required parameter: 'voice'.", 'voice');
  if (body.instructions !== undefined && /^tts-1/.test(body.model))
    return invalidRequest('Instructions are not supported for tts-1 and tts-1-hd.', 'instructions');
  const format = body.response_format ?? 'mp3';
  if (format !== 'wav')
    return invalidRequest(`This fake only renders response_format "wav", got "${String(format)}"`, 'response_format');
  const wav = fakeSpeechWav(body.input);
  spoken.set(audioFingerprint(wav), body.input);
  return { body: wav, contentType: 'audio/wav' };
}
