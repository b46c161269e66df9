import { z } from 'zod';
import type { NotificationChannels } from '../../events/notification-channels.js';
import type { TransactionScope } from '../../persistence/database.js';

/** Payload of the control channel: abort the running steps of a job in every process. */
export const abortMessageSchema = z.looseObject({
  type: z.literal('abort'),
  jobId: z.string(),
  reason: z.enum(['cancelled', 'job-failed']),
});
export type AbortMessage = z.infer<typeof abortMessageSchema>;

/** Tells every process (this one included) at commit to abort the job's running steps. */
export function notifyAbort(
  dependencies: { channels: NotificationChannels },
  scope: TransactionScope,
  message: AbortMessage,
): void {
  scope.notify(dependencies.channels.control, JSON.stringify(message));
}
