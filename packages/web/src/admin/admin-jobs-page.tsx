import { Alert, Button, Group, Pagination, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../api/api-client';
import type { Page } from '../api/types';
import { StatusBadge } from '../components/status-badge';
import type { AdminJob } from './admin-types';

const PAGE_SIZE = 20;
const STATUSES = ['PENDING', 'RUNNING', 'WAITING', 'COMPLETED', 'FAILED', 'CANCELLED'];

function JobDetail({ job, onChanged }: { job: AdminJob; onChanged: (job: AdminJob) => void }) {
  const [failure, setFailure] = useState<string | null>(null);
  const act = (action: 'retry' | 'cancel') =>
    api<AdminJob>(`/admin/jobs/${job.id}/${action}`, { method: 'POST' }).then(onChanged, (error: unknown) =>
      setFailure(error instanceof ApiError ? error.message : String(error)),
    );
  return (
    <Stack
      gap="xs"
      p="sm"
      style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 8 }}
      aria-label="Job detail"
    >
      <Title order={3} size="h4">
        {job.topic}
      </Title>
      <Text size="sm">
        {job.id} · {job.ownerEmail ?? 'no owner'} · {job.durationSec} s
      </Text>
      {failure && (
        <Alert color="red" role="alert">
          {failure}
        </Alert>
      )}
      <Table.ScrollContainer minWidth={640}>
        <Table aria-label="Steps of the job">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Step</Table.Th>
              <Table.Th>Provider</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Attempts</Table.Th>
              <Table.Th>Time</Table.Th>
              <Table.Th>Cost</Table.Th>
              <Table.Th>Error</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {job.steps?.map((step) => (
              <Table.Tr key={`${step.step}-${step.sceneIndex ?? ''}`}>
                <Table.Td>{step.step === 'visual' ? `visual ${(step.sceneIndex ?? 0) + 1}` : step.step}</Table.Td>
                <Table.Td>{step.provider}</Table.Td>
                <Table.Td>
                  <StatusBadge status={step.status} />
                </Table.Td>
                <Table.Td>{step.attempt}</Table.Td>
                <Table.Td>{step.durationMs !== null ? `${(step.durationMs / 1000).toFixed(2)} s` : '—'}</Table.Td>
                <Table.Td>{step.costUsd !== null ? `$${step.costUsd.toFixed(4)}` : '—'}</Table.Td>
                <Table.Td>
                  {step.error ? `${step.error.message}${step.error.code ? ` (${step.error.code})` : ''}` : ''}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group>
        {job.status === 'FAILED' && (
          <Button onClick={() => void act('retry')}>Retry{job.deadLettered ? ' (dead-lettered)' : ''}</Button>
        )}
        {['PENDING', 'RUNNING', 'WAITING'].includes(job.status) && (
          <Button color="orange" onClick={() => void act('cancel')}>
            Cancel
          </Button>
        )}
      </Group>
    </Stack>
  );
}

/** Every user's jobs with filters; a job's steps, retry and cancel. */
export function AdminJobsPage() {
  const [status, setStatus] = useState<string | null>(null);
  const [provider, setProvider] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [page, setPage] = useState(1);
  const [jobs, setJobs] = useState<Page<AdminJob> | null>(null);
  const [selected, setSelected] = useState<AdminJob | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const load = useCallback(() => {
    const query = new URLSearchParams({ page: String(page), pageSize: String(PAGE_SIZE) });
    if (status) query.set('status', status);
    if (provider.trim()) query.set('provider', provider.trim());
    if (from) query.set('from', from);
    if (to) query.set('to', to);
    setFailure(null);
    api<Page<AdminJob>>(`/admin/jobs?${query}`).then(setJobs, (error: unknown) =>
      setFailure(error instanceof ApiError ? error.message : String(error)),
    );
  }, [page, status, provider, from, to]);
  useEffect(load, [load]);

  const open = (id: string) => void api<AdminJob>(`/admin/jobs/${id}`).then(setSelected, () => undefined);

  return (
    <Stack>
      <Title order={2}>Jobs</Title>
      <Group align="flex-end" wrap="wrap">
        <Select
          label="Status"
          placeholder="any"
          data={STATUSES}
          value={status}
          onChange={setStatus}
          clearable
          w={160}
        />
        <TextInput
          label="Provider"
          placeholder="e.g. local"
          value={provider}
          onChange={(event) => setProvider(event.currentTarget.value)}
          w={160}
        />
        <TextInput
          label="From"
          type="date"
          value={from}
          onChange={(event) => setFrom(event.currentTarget.value)}
          w={170}
        />
        <TextInput label="To" type="date" value={to} onChange={(event) => setTo(event.currentTarget.value)} w={170} />
      </Group>
      {failure && (
        <Alert color="red" role="alert">
          {failure}
        </Alert>
      )}
      <Table.ScrollContainer minWidth={760}>
        <Table striped highlightOnHover aria-label="Jobs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Topic</Table.Th>
              <Table.Th>User</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Providers</Table.Th>
              <Table.Th>Cost</Table.Th>
              <Table.Th>Created</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {jobs?.items.map((job) => (
              <Table.Tr key={job.id} data-job-id={job.id}>
                <Table.Td>
                  <Button variant="default" size="compact-sm" onClick={() => open(job.id)}>
                    {job.topic.length > 40 ? `${job.topic.slice(0, 40)}…` : job.topic}
                  </Button>
                </Table.Td>
                <Table.Td>{job.ownerEmail ?? '—'}</Table.Td>
                <Table.Td>
                  <StatusBadge status={job.status} />
                </Table.Td>
                <Table.Td>{[...new Set(Object.values(job.providers))].join(', ')}</Table.Td>
                <Table.Td>${job.totalCostUsd.toFixed(4)}</Table.Td>
                <Table.Td>{new Date(job.createdAt).toLocaleString()}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {jobs && jobs.total === 0 && <Text>No job matches.</Text>}
      {jobs && jobs.total > PAGE_SIZE && (
        <Pagination total={Math.ceil(jobs.total / PAGE_SIZE)} value={page} onChange={setPage} aria-label="Pages" />
      )}
      {selected && (
        <JobDetail
          job={selected}
          onChanged={(job) => {
            setSelected(job);
            load();
          }}
        />
      )}
    </Stack>
  );
}
