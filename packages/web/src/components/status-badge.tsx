import { Badge } from '@mantine/core';
import type { JobStatus } from '../api/types';

const COLORS: Record<JobStatus, string> = {
  PENDING: 'gray',
  RUNNING: 'blue',
  WAITING: 'violet',
  COMPLETED: 'green',
  FAILED: 'red',
  CANCELLED: 'orange',
};

/** A job's or step's status; the label is the text (colour is not the only signal). */
export function StatusBadge({ status }: { status: JobStatus }) {
  return (
    <Badge color={COLORS[status]} variant="dot">
      {status.toLowerCase()}
    </Badge>
  );
}
