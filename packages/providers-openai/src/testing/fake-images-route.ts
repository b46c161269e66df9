import { randomBytes } from 'node:crypto';
import { invalidRequestAnswer as invalidRequest, type FakeAnswer } from './fake-openai-answers.js';
import { fakeImagePng } from './fake-image.js';

type Json = Record<string, unknown>;

const GPT_IMAGE_SIZES = ['1024x1024', '1024x1536', '1536x1024', 'auto'];
const DALL_E_3_SIZES = ['1024x1024', '1024x1792', '1792x1024'];
const DALL_E_2_SIZES = ['256x256', '512x512', '1024x1024'];

/** `POST /v1/images/generations` by default: the model's sizes and answer shape (base64 for gpt-image, a URL or base64 for dall-e). */
export async function defaultImages(body: Json, files: Map<string, Buffer>, url: string): Promise<FakeAnswer> {
  if (typeof body.prompt !== 'string' || body.prompt.length === 0)
    return invalidRequest("Missing required parameter: 'prompt'.", 'prompt');
  const model = typeof body.model === 'string' ? body.model : 'dall-e-2';
  const gptImage = !model.startsWith('dall-e');
  const size = typeof body.size === 'string' ? body.size : gptImage ? 'auto' : '1024x1024';
  const sizes = gptImage ? GPT_IMAGE_SIZES : model.startsWith('dall-e-3') ? DALL_E_3_SIZES : DALL_E_2_SIZES;
  if (!sizes.includes(size)) {
    return invalidRequest(
      `Invalid value: '${size}'. Supported values are: ${sizes.map((value) => `'${value}'`).join(', ')}.`,
      'size',
      'invalid_value',
    );
  }
  if (gptImage && body.response_format !== undefined)
    return invalidRequest("Unknown parameter: 'response_format'.", 'response_format', 'unknown_parameter');
  const [width, height] = (size === 'auto' ? '1024x1024' : size).split('x').map(Number);
  const png = await fakeImagePng(width, height, body.prompt);
  if (gptImage) {
    return {
      json: {
        created: Math.floor(Date.now() / 1000),
        background: 'opaque',
        data: [{ b64_json: png.toString('base64') }],
        output_format: 'png',
        quality: typeof body.quality === 'string' && body.quality !== 'auto' ? body.quality : 'medium',
        size: `${width}x${height}`,
        usage: {
          input_tokens: Math.ceil(body.prompt.length / 4),
          input_tokens_details: { image_tokens: 0, text_tokens: Math.ceil(body.prompt.length / 4) },
          output_tokens: size === '1024x1024' ? 1056 : 1584,
          total_tokens: Math.ceil(body.prompt.length / 4) + (size === '1024x1024' ? 1056 : 1584),
        },
      },
    };
  }
  const revised_prompt = body.prompt;
  if (body.response_format === 'b64_json')
    return {
      json: { created: Math.floor(Date.now() / 1000), data: [{ b64_json: png.toString('base64'), revised_prompt }] },
    };
  const id = randomBytes(8).toString('hex');
  files.set(id, png);
  return {
    json: { created: Math.floor(Date.now() / 1000), data: [{ url: `${url}/files/${id}.png`, revised_prompt }] },
  };
}
