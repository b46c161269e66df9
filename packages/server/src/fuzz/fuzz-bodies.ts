import { deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import type { ApiRoute } from '../openapi/openapi-document.js';
import { bodyLike, deepNesting, FIELD_NAMES, jsonValue, nastyString } from './fuzz-values.js';

/** A request body: its bytes, and the content type and encoding it claims. */
export type BodyKind = { text: string | Buffer; contentType?: string; encoding?: string };

const jsonText = fc.oneof(
  bodyLike.map((value) => JSON.stringify(value)),
  jsonValue.map((value) => JSON.stringify(value) ?? 'null'),
);

/** Valid bodies per documented request schema, each with at most one field replaced by a hostile value. */
const VALID_BODIES: Record<string, object> = {
  RegisterRequest: { email: 'fuzz@example.com', password: 'correct horse battery' },
  LoginRequest: { email: 'fuzz@example.com', password: 'correct horse battery' },
  ChangePasswordRequest: { currentPassword: 'correct horse battery', newPassword: 'another long password' },
  ProfilePatch: { displayName: 'Fuzz', defaultVoice: 'alloy' },
  VideoRequest: { topic: 'solar power', durationSec: 6, music: { source: 'https://93.184.216.34/track.mp3' } },
};

/** A documented body with at most one field replaced by a hostile value; null for routes without a body. */
export function nearlyValidBody(route: ApiRoute): fc.Arbitrary<BodyKind> | null {
  const valid = route.body ? VALID_BODIES[route.body] : undefined;
  if (!valid) return null;
  const keys = [...Object.keys(valid), ...FIELD_NAMES];
  return fc.option(fc.tuple(fc.constantFrom(...keys), fc.oneof(nastyString, jsonValue)), { freq: 4 }).map((change) => ({
    text: JSON.stringify(change ? { ...valid, [change[0]]: change[1] } : valid),
    contentType: 'application/json',
  }));
}

/** Bodies of every kind: JSON, broken JSON, deep nesting, compressed, mislabelled, binary. */
export const bodyKinds: fc.Arbitrary<BodyKind> = fc.oneof(
  { arbitrary: jsonText.map((text) => ({ text, contentType: 'application/json' })), weight: 6 },
  {
    arbitrary: fc
      .constantFrom('{', '{"topic":', '[1,2', '{"a":1}}', 'nul', '\u0000', '{"topic":"\\u0000"}', '{"topic":"\\ud800"}')
      .map((text) => ({ text, contentType: 'application/json' })),
    weight: 2,
  },
  { arbitrary: deepNesting.map((text) => ({ text, contentType: 'application/json' })), weight: 1 },
  {
    arbitrary: jsonText.map((text) => ({ text: gzipSync(text), contentType: 'application/json', encoding: 'gzip' })),
    weight: 1,
  },
  {
    arbitrary: jsonText.map((text) => ({
      text: deflateSync(text),
      contentType: 'application/json',
      encoding: 'deflate',
    })),
    weight: 1,
  },
  {
    arbitrary: fc
      .tuple(
        fc.uint8Array({ maxLength: 64 }),
        fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'compress', 'gzip, gzip'),
      )
      .map(([bytes, encoding]) => ({ text: Buffer.from(bytes), contentType: 'application/json', encoding })),
    weight: 1,
  },
  {
    arbitrary: fc
      .tuple(
        jsonText,
        fc.constantFrom(
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/json; charset=utf-16',
          'application/json; charset=bogus',
          'application/xml',
          '',
          'application/*',
        ),
      )
      .map(([text, contentType]) => ({ text, contentType })),
    weight: 2,
  },
  {
    arbitrary: fc
      .uint8Array({ maxLength: 256 })
      .map((bytes) => ({ text: Buffer.from(bytes), contentType: 'application/octet-stream' })),
    weight: 1,
  },
);
