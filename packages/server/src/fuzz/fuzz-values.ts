import fc from 'fast-check';

/** Field names of the API's request bodies, and prototype keys. */
export const FIELD_NAMES = [
  'topic',
  'tone',
  'durationSec',
  'language',
  'aspectRatio',
  'style',
  'voice',
  'music',
  'callbackUrl',
  'providers',
  'email',
  'password',
  'currentPassword',
  'newPassword',
  'displayName',
  'defaultLanguage',
  'defaultVoice',
  'defaultStyle',
  'defaultAspectRatio',
  'source',
  'volume',
  'status',
  'ownerId',
  '__proto__',
  'constructor',
];

/** Strings that break naive handlers: control characters, lone surrogates, traversal, injections, huge ones. */
export const nastyString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\uD800',
    '\uDFFF',
    '\u202E',
    '%00',
    '%ZZ',
    '../../../../etc/passwd',
    '..\\..\\windows',
    ' http://1.2.3.4/../../../../var/data/secret.wav',
    'http://[::127.0.0.1]/',
    'http://[::ffff:0:7f00:1]/',
    'file:///etc/passwd',
    "'; drop table user_account; --",
    '{{7*7}}',
    '${jndi:ldap://x}',
    'a@b.c',
    'solar power',
    'correct horse battery',
    '9:16',
    'en',
    'modern',
    'mock',
    'NaN',
    '-1',
    '1e309',
  ),
  fc.integer({ min: 1000, max: 120_000 }).map((length) => 'x'.repeat(length)),
);

const scalar = fc.oneof(
  nastyString,
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -0, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 5, 6, 30, 180, 181, true, false, null),
);

/** Any JSON value, nested a little, keyed by the API's field names more often than not. */
export const jsonValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...FIELD_NAMES), fc.string({ maxLength: 10 })), tie('value'), {
      maxKeys: 6,
    }),
  ),
})).value;

/** Objects shaped like the API's bodies: known field names with hostile values. */
export const bodyLike = fc.dictionary(fc.constantFrom(...FIELD_NAMES), jsonValue, { maxKeys: 6 });

/** Arrays nested thousands deep, for the JSON parser's stack. */
export const deepNesting = fc.integer({ min: 100, max: 20_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth));
