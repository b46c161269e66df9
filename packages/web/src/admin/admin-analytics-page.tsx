import { Alert, Card, Group, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, ApiError } from '../api/api-client';
import type { Analytics } from './admin-types';

const PROVIDER_COLORS = ['#1971c2', '#e8590c', '#2f9e44', '#9c36b5', '#c2255c', '#0c8599'];

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed" fw={700}>
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {value}
      </Text>
    </Card>
  );
}

/** Videos per day, success rate, step times, costs and failure reasons, from `/admin/analytics`. */
export function AdminAnalyticsPage() {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [analytics, setAnalytics] = useState<Analytics | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    const query = new URLSearchParams();
    if (from) query.set('from', from);
    if (to) query.set('to', to);
    setFailure(null);
    api<Analytics>(`/admin/analytics?${query}`).then(setAnalytics, (error: unknown) =>
      setFailure(error instanceof ApiError ? error.message : String(error)),
    );
  }, [from, to]);

  // Cost per day with one column per provider, for a stacked bar chart.
  const { costRows, providers } = useMemo(() => {
    const byDay = new Map<string, Record<string, number | string>>();
    const names = new Set<string>();
    for (const row of analytics?.costPerProviderPerDay ?? []) {
      names.add(row.provider);
      const entry = byDay.get(row.day) ?? { day: row.day };
      entry[row.provider] = row.costUsd;
      byDay.set(row.day, entry);
    }
    return { costRows: [...byDay.values()], providers: [...names] };
  }, [analytics]);

  const timingRows = (analytics?.stepTimings ?? []).map((row) => ({
    name: `${row.step} · ${row.provider}`,
    p50: Math.round(row.p50Ms),
    p95: Math.round(row.p95Ms),
  }));
  return (
    <Stack>
      <Title order={2}>Analytics</Title>
      <Group align="flex-end">
        <TextInput
          label="From"
          type="date"
          value={from}
          onChange={(event) => setFrom(event.currentTarget.value)}
          w={170}
        />
        <TextInput label="To" type="date" value={to} onChange={(event) => setTo(event.currentTarget.value)} w={170} />
        {analytics && (
          <Text size="sm" pb={8}>
            {analytics.from} to {analytics.to} (UTC)
          </Text>
        )}
      </Group>
      {failure && (
        <Alert color="red" role="alert">
          {failure}
        </Alert>
      )}
      {analytics && (
        <>
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            <Figure label="Jobs" value={String(analytics.totals.jobs)} />
            <Figure label="Completed" value={String(analytics.totals.completed)} />
            <Figure
              label="Success rate"
              value={analytics.successRate === null ? '—' : `${(analytics.successRate * 100).toFixed(1)} %`}
            />
            <Figure label="Cost" value={`$${analytics.totals.totalCostUsd.toFixed(2)}`} />
          </SimpleGrid>
          <Title order={3}>Videos per day</Title>
          <div
            role="img"
            aria-label={`Videos per day: ${analytics.videosPerDay.map((row) => `${row.day} ${row.completed} completed, ${row.failed} failed`).join('; ') || 'none'}`}
          >
            <ResponsiveContainer width="100%" height={240}>
              <BarChart data={analytics.videosPerDay}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="day" />
                <YAxis allowDecimals={false} />
                <Tooltip />
                <Legend />
                <Bar dataKey="completed" stackId="videos" fill="#2f9e44" name="completed" />
                <Bar dataKey="failed" stackId="videos" fill="#e03131" name="failed" />
                <Bar dataKey="cancelled" stackId="videos" fill="#868e96" name="cancelled" />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <Title order={3}>Time per step and provider (ms)</Title>
          <div role="img" aria-label="p50 and p95 time per step and provider, also in the table below">
            <ResponsiveContainer width="100%" height={260}>
              <BarChart data={timingRows} layout="vertical" margin={{ left: 40 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis type="number" />
                <YAxis type="category" dataKey="name" width={140} />
                <Tooltip />
                <Legend />
                <Bar dataKey="p50" fill="#1971c2" name="p50" />
                <Bar dataKey="p95" fill="#e8590c" name="p95" />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <Table.ScrollContainer minWidth={480}>
            <Table aria-label="Step times">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Step</Table.Th>
                  <Table.Th>Provider</Table.Th>
                  <Table.Th>Runs</Table.Th>
                  <Table.Th>p50</Table.Th>
                  <Table.Th>p95</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {analytics.stepTimings.map((row) => (
                  <Table.Tr key={`${row.step}-${row.provider}`}>
                    <Table.Td>{row.step}</Table.Td>
                    <Table.Td>{row.provider}</Table.Td>
                    <Table.Td>{row.runs}</Table.Td>
                    <Table.Td>{(row.p50Ms / 1000).toFixed(2)} s</Table.Td>
                    <Table.Td>{(row.p95Ms / 1000).toFixed(2)} s</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Title order={3}>Cost per provider per day (USD)</Title>
          {costRows.length === 0 ? (
            <Text size="sm">No provider reported a cost in this period (the offline providers are free).</Text>
          ) : (
            <div role="img" aria-label="Cost per provider per day">
              <ResponsiveContainer width="100%" height={240}>
                <BarChart data={costRows}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="day" />
                  <YAxis />
                  <Tooltip />
                  <Legend />
                  {providers.map((provider, index) => (
                    <Bar
                      key={provider}
                      dataKey={provider}
                      stackId="cost"
                      fill={PROVIDER_COLORS[index % PROVIDER_COLORS.length]}
                    />
                  ))}
                </BarChart>
              </ResponsiveContainer>
            </div>
          )}
          <Title order={3}>Cost per user</Title>
          <Table aria-label="Cost per user">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>User</Table.Th>
                <Table.Th>Jobs</Table.Th>
                <Table.Th>Cost</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {analytics.costPerUser.map((row) => (
                <Table.Tr key={row.userId}>
                  <Table.Td>{row.email ?? row.userId}</Table.Td>
                  <Table.Td>{row.jobs}</Table.Td>
                  <Table.Td>${row.costUsd.toFixed(4)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Title order={3}>Top failure reasons</Title>
          {analytics.topFailureReasons.length === 0 ? (
            <Text size="sm">No failed video in this period.</Text>
          ) : (
            <Table aria-label="Top failure reasons">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Count</Table.Th>
                  <Table.Th>Step</Table.Th>
                  <Table.Th>Provider</Table.Th>
                  <Table.Th>Reason</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {analytics.topFailureReasons.map((row) => (
                  <Table.Tr key={`${row.step}-${row.provider}-${row.code}-${row.message}`}>
                    <Table.Td>{row.count}</Table.Td>
                    <Table.Td>{row.step}</Table.Td>
                    <Table.Td>{row.provider}</Table.Td>
                    <Table.Td>
                      {row.message}
                      {row.code ? ` (${row.code})` : ''}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </>
      )}
    </Stack>
  );
}
