import {
  Alert,
  Badge,
  Button,
  Group,
  NumberInput,
  Pagination,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../api/api-client';
import type { Page } from '../api/types';
import type { AdminUser } from './admin-types';

const PAGE_SIZE = 20;

function QuotaEditor({ user, onSaved }: { user: AdminUser; onSaved: (user: AdminUser) => void }) {
  const [videosPerDay, setVideosPerDay] = useState<number | string>(user.quota.videosPerDay);
  const changed = Number(videosPerDay) !== user.quota.videosPerDay;
  return (
    <Group gap="xs" wrap="nowrap">
      <NumberInput
        aria-label={`Videos per day for ${user.email}`}
        value={videosPerDay}
        onChange={setVideosPerDay}
        min={1}
        allowDecimal={false}
        w={90}
        size="xs"
      />
      <Button
        size="xs"
        variant="light"
        disabled={!changed}
        onClick={() =>
          void api<AdminUser>(`/admin/users/${user.id}`, {
            method: 'PATCH',
            body: { quota: { videosPerDay: Number(videosPerDay) } },
          }).then(onSaved)
        }
      >
        Save
      </Button>
    </Group>
  );
}

/** Users: search, disable/enable, videos-per-day quota. */
export function AdminUsersPage() {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [page, setPage] = useState(1);
  const [users, setUsers] = useState<Page<AdminUser> | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const load = useCallback(() => {
    const query = new URLSearchParams({
      page: String(page),
      pageSize: String(PAGE_SIZE),
      ...(debounced.trim() ? { search: debounced.trim() } : {}),
    });
    api<Page<AdminUser>>(`/admin/users?${query}`).then(setUsers, (error: unknown) =>
      setFailure(error instanceof ApiError ? error.message : String(error)),
    );
  }, [page, debounced]);
  useEffect(load, [load]);

  const replace = (changed: AdminUser) =>
    setUsers(
      (current) =>
        current && { ...current, items: current.items.map((user) => (user.id === changed.id ? changed : user)) },
    );

  async function setDisabled(user: AdminUser, disabled: boolean) {
    try {
      replace(await api<AdminUser>(`/admin/users/${user.id}`, { method: 'PATCH', body: { disabled } }));
    } catch (error) {
      setFailure(error instanceof ApiError ? error.message : String(error));
    }
  }

  return (
    <Stack>
      <Title order={2}>Users</Title>
      {failure && (
        <Alert color="red" role="alert">
          {failure}
        </Alert>
      )}
      <TextInput
        label="Search by email"
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
        maw={360}
      />
      <Table.ScrollContainer minWidth={760}>
        <Table striped aria-label="Users">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Email</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>Jobs</Table.Th>
              <Table.Th>Spend</Table.Th>
              <Table.Th>Videos per day</Table.Th>
              <Table.Th>Enabled</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {users?.items.map((user) => (
              <Table.Tr key={user.id} data-email={user.email}>
                <Table.Td>
                  <Text size="sm">{user.email}</Text>
                  <Text size="xs" c="dimmed">
                    since {new Date(user.createdAt).toLocaleDateString()}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant="dot" color={user.role === 'admin' ? 'grape' : 'gray'}>
                    {user.role}
                  </Badge>
                </Table.Td>
                <Table.Td>{user.jobs}</Table.Td>
                <Table.Td>${user.totalCostUsd.toFixed(2)}</Table.Td>
                <Table.Td>
                  <QuotaEditor key={user.quota.videosPerDay} user={user} onSaved={replace} />
                </Table.Td>
                <Table.Td>
                  <Switch
                    checked={!user.disabled}
                    onChange={(event) => void setDisabled(user, !event.currentTarget.checked)}
                    aria-label={`${user.email} enabled`}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {users && users.total > PAGE_SIZE && (
        <Pagination total={Math.ceil(users.total / PAGE_SIZE)} value={page} onChange={setPage} aria-label="Pages" />
      )}
    </Stack>
  );
}
