import type Logger from 'bunyan';
import type { TransactionScope } from '../persistence/database.js';
import type { JobEvent } from './job-event.js';
import type { EngineEventEmitter } from './typed-event-emitter.js';

/** Postgres refuses NOTIFY payloads of 8000 bytes or more. */
export const NOTIFY_PAYLOAD_LIMIT_BYTES = 7999;
const MESSAGE_LIMIT = 1000;

/** Shortens what can be long (error messages) so a payload stays under the NOTIFY limit. */
export function serializeJobEvent(event: JobEvent): string {
  const shortened: JobEvent =
    (event.type === 'step-end' || event.type === 'job-end') && event.error && event.error.message.length > MESSAGE_LIMIT
      ? { ...event, error: { ...event.error, message: `${event.error.message.slice(0, MESSAGE_LIMIT)}…` } }
      : event;
  const payload = JSON.stringify(shortened);
  if (Buffer.byteLength(payload) <= NOTIFY_PAYLOAD_LIMIT_BYTES) return payload;
  // Still too big (huge provider ids or usage): keep what identifies the event.
  const { type, jobId, at } = event;
  return JSON.stringify({
    type,
    jobId,
    at,
    ...(event.type === 'progress' ? { progress: event.progress } : {}),
    truncated: true,
  });
}

/**
 * Publishes a job event with the transaction that caused it: NOTIFY for other processes
 * (delivered at commit) and the in-process emitter after commit. A rolled-back change
 * publishes nothing.
 */
export class EventPublisher {
  constructor(
    private readonly channel: string,
    private readonly emitter: EngineEventEmitter,
    private readonly logger: Logger,
  ) {}

  publish(scope: TransactionScope, event: JobEvent): void {
    scope.notify(this.channel, serializeJobEvent(event));
    scope.afterCommit(() => this.emitLocally(event));
  }

  /** The NOTIFY channel and payload, for a caller that sends them in its own statement. */
  notification(event: JobEvent): { channel: string; payload: string } {
    return { channel: this.channel, payload: serializeJobEvent(event) };
  }

  /** Emits in this process only; call once the change behind the event has committed. */
  emitLocally(event: JobEvent): void {
    try {
      switch (event.type) {
        case 'progress':
          this.emitter.emit('progress', event);
          break;
        case 'step-start':
          this.emitter.emit('step-start', event);
          break;
        case 'step-end':
          this.emitter.emit('step-end', event);
          break;
        case 'job-end':
          this.emitter.emit('job-end', event);
          break;
      }
    } catch (error) {
      this.logger.error({ err: error, jobId: event.jobId, event: event.type }, 'an event listener threw');
    }
  }
}
