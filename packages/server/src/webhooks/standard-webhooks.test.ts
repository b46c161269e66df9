import { expect } from 'chai';
import { generateWebhookSecret, signWebhook, verifyWebhook, webhookHeaders } from './standard-webhooks.js';
import { WebhookVerificationError } from './webhook-verification-error.js';

// The fixed vector of the Standard Webhooks reference library (libraries/javascript/src/webhook.test.ts).
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const ID = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const TIMESTAMP = 1614265330;
const PAYLOAD = '{"test": 2432232314}';
const EXPECTED = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';
const AT_TIMESTAMP = new Date(TIMESTAMP * 1000);

function headers(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return { 'webhook-id': ID, 'webhook-timestamp': String(TIMESTAMP), 'webhook-signature': EXPECTED, ...overrides };
}

function rejects(options: Parameters<typeof verifyWebhook>[0], message: RegExp): void {
  expect(() => verifyWebhook(options)).to.throw(WebhookVerificationError, message);
}

describe('Standard Webhooks signing and verification', () => {
  it('reproduces the reference test vector', () => {
    expect(signWebhook({ secret: SECRET, id: ID, timestamp: TIMESTAMP, payload: PAYLOAD })).to.equal(EXPECTED);
  });

  it('verifies the reference message and returns its id', () => {
    expect(verifyWebhook({ secret: SECRET, headers: headers(), payload: PAYLOAD, now: AT_TIMESTAMP })).to.deep.equal({
      id: ID,
      timestamp: TIMESTAMP,
    });
  });

  it('accepts the secret with or without the whsec_ prefix', () => {
    const bare = SECRET.slice('whsec_'.length);
    expect(signWebhook({ secret: bare, id: ID, timestamp: TIMESTAMP, payload: PAYLOAD })).to.equal(EXPECTED);
  });

  it('refuses an empty secret', () => {
    expect(() => signWebhook({ secret: 'whsec_', id: ID, timestamp: TIMESTAMP, payload: PAYLOAD })).to.throw(
      WebhookVerificationError,
      /empty/,
    );
  });

  it('refuses a missing id, timestamp or signature header', () => {
    rejects(
      { secret: SECRET, headers: headers({ 'webhook-id': undefined }), payload: PAYLOAD, now: AT_TIMESTAMP },
      /webhook-id/,
    );
    rejects(
      { secret: SECRET, headers: headers({ 'webhook-timestamp': undefined }), payload: PAYLOAD, now: AT_TIMESTAMP },
      /webhook-timestamp/,
    );
    rejects(
      { secret: SECRET, headers: headers({ 'webhook-signature': undefined }), payload: PAYLOAD, now: AT_TIMESTAMP },
      /webhook-signature/,
    );
  });

  it('refuses a non-numeric timestamp', () => {
    rejects(
      { secret: SECRET, headers: headers({ 'webhook-timestamp': 'yesterday' }), payload: PAYLOAD, now: AT_TIMESTAMP },
      /Invalid webhook-timestamp/,
    );
  });

  it('refuses an invalid and a truncated signature', () => {
    rejects(
      {
        secret: SECRET,
        headers: headers({ 'webhook-signature': 'v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=' }),
        payload: PAYLOAD,
        now: AT_TIMESTAMP,
      },
      /No matching/,
    );
    rejects(
      { secret: SECRET, headers: headers({ 'webhook-signature': 'v1,' }), payload: PAYLOAD, now: AT_TIMESTAMP },
      /No matching/,
    );
    rejects(
      {
        secret: SECRET,
        headers: headers({ 'webhook-signature': EXPECTED.slice(0, 8) }),
        payload: PAYLOAD,
        now: AT_TIMESTAMP,
      },
      /No matching/,
    );
  });

  it('refuses timestamps more than 5 minutes old or ahead, and accepts the edges', () => {
    const at = (offsetSeconds: number) => new Date((TIMESTAMP + offsetSeconds) * 1000);
    rejects({ secret: SECRET, headers: headers(), payload: PAYLOAD, now: at(301) }, /too old/);
    rejects({ secret: SECRET, headers: headers(), payload: PAYLOAD, now: at(-301) }, /too new/);
    expect(() => verifyWebhook({ secret: SECRET, headers: headers(), payload: PAYLOAD, now: at(300) })).not.to.throw();
    expect(() => verifyWebhook({ secret: SECRET, headers: headers(), payload: PAYLOAD, now: at(-300) })).not.to.throw();
  });

  it('accepts a multi-signature header with bogus v1/v2 entries next to a valid one (key rotation)', () => {
    const signature = `v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= ${EXPECTED} v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=`;
    expect(() =>
      verifyWebhook({
        secret: SECRET,
        headers: headers({ 'webhook-signature': signature }),
        payload: PAYLOAD,
        now: AT_TIMESTAMP,
      }),
    ).not.to.throw();
  });

  it('ignores a valid signature under another version label', () => {
    rejects(
      {
        secret: SECRET,
        headers: headers({ 'webhook-signature': `v2,${EXPECTED.slice(3)}` }),
        payload: PAYLOAD,
        now: AT_TIMESTAMP,
      },
      /No matching/,
    );
  });

  it('detects a one-byte change of body, id or timestamp, and re-serialised JSON', () => {
    rejects({ secret: SECRET, headers: headers(), payload: '{"test": 2432232315}', now: AT_TIMESTAMP }, /No matching/);
    rejects(
      {
        secret: SECRET,
        headers: headers({ 'webhook-id': `${ID.slice(0, -1)}L` }),
        payload: PAYLOAD,
        now: AT_TIMESTAMP,
      },
      /No matching/,
    );
    rejects(
      {
        secret: SECRET,
        headers: headers({ 'webhook-timestamp': String(TIMESTAMP + 1) }),
        payload: PAYLOAD,
        now: AT_TIMESTAMP,
      },
      /No matching/,
    );
    rejects(
      { secret: SECRET, headers: headers(), payload: JSON.stringify(JSON.parse(PAYLOAD)), now: AT_TIMESTAMP },
      /No matching/,
    );
  });

  it('reads headers case-insensitively and takes Buffer payloads', () => {
    const upper = { 'Webhook-Id': ID, 'Webhook-Timestamp': String(TIMESTAMP), 'Webhook-Signature': EXPECTED };
    expect(
      verifyWebhook({ secret: SECRET, headers: upper, payload: Buffer.from(PAYLOAD), now: AT_TIMESTAMP }).id,
    ).to.equal(ID);
  });

  it('generates whsec_ secrets of 24 random bytes that sign and verify round-trip', () => {
    const secret = generateWebhookSecret();
    expect(secret).to.match(/^whsec_/);
    expect(Buffer.from(secret.slice(6), 'base64')).to.have.length(24);
    expect(generateWebhookSecret()).not.to.equal(secret);
    const now = new Date();
    const signed = webhookHeaders({ secret, id: 'msg_1', timestamp: now, payload: '{}' });
    expect(verifyWebhook({ secret, headers: signed, payload: '{}', now }).id).to.equal('msg_1');
  });
});
