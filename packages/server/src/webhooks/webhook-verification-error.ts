/** A webhook whose headers, timestamp or signature do not check out (answered with 401). */
export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';
}
