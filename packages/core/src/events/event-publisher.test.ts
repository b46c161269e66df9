import { expect } from 'chai';
import { NOTIFY_PAYLOAD_LIMIT_BYTES, serializeJobEvent } from './event-publisher.js';
import { parseJobEvent, type JobEvent } from './job-event.js';

describe('serializeJobEvent', () => {
  const at = new Date(0).toISOString();

  it('round-trips an event through JSON and parseJobEvent', () => {
    const event: JobEvent = {
      type: 'step-end',
      jobId: 'job-1',
      step: 'visual',
      sceneIndex: 2,
      provider: 'vast',
      attempt: 1,
      status: 'WAITING',
      usage: { gpuSeconds: 3 },
      at,
    };
    expect(parseJobEvent(JSON.parse(serializeJobEvent(event)))).to.deep.equal(event);
  });

  it('keeps payloads under the NOTIFY limit by shortening long error messages', () => {
    const event: JobEvent = {
      type: 'job-end',
      jobId: 'job-1',
      status: 'FAILED',
      error: { step: 'voice', provider: 'p', message: 'x'.repeat(50_000) },
      at,
    };
    const payload = serializeJobEvent(event);
    expect(Buffer.byteLength(payload)).to.be.below(NOTIFY_PAYLOAD_LIMIT_BYTES);
    const parsed = parseJobEvent(JSON.parse(payload));
    expect(parsed).to.include({ type: 'job-end', status: 'FAILED' });
    expect((parsed as Extract<JobEvent, { type: 'job-end' }>).error?.message).to.have.length.below(1100);
  });

  it('falls back to the identifying fields when an event is still too large', () => {
    const event: JobEvent = {
      type: 'step-start',
      jobId: 'job-1',
      step: 'script',
      provider: 'p'.repeat(10_000),
      attempt: 1,
      at,
    };
    const payload = serializeJobEvent(event);
    expect(Buffer.byteLength(payload)).to.be.below(NOTIFY_PAYLOAD_LIMIT_BYTES);
    expect(JSON.parse(payload)).to.deep.equal({ type: 'step-start', jobId: 'job-1', at, truncated: true });
  });

  it('refuses to parse something that is not a job event', () => {
    expect(parseJobEvent({ type: 'nope', jobId: 'x' })).to.equal(null);
    expect(parseJobEvent({ type: 'progress', jobId: 'x', at, progress: 101 })).to.equal(null);
  });
});
