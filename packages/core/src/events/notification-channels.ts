/** Postgres NOTIFY channels of one engine schema. */
export interface NotificationChannels {
  /** A step message was queued: payload `{ queue, notBefore? }`. */
  ready: string;
  /** Abort running steps of a job in every process: payload `{ type: 'abort', jobId, reason }`. */
  control: string;
  /** Job events for `subscribe`: payload one `JobEvent`. */
  events: string;
}

export function notificationChannelsFor(schema: string): NotificationChannels {
  return { ready: `${schema}_ready`, control: `${schema}_control`, events: `${schema}_events` };
}
