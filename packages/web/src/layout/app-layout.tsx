import { AppShell, Burger, Button, Group, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Outlet, useLocation } from 'react-router';
import { useSession } from '../session-context';

const STUDIO_LINKS = [
  { to: '/', label: 'Library' },
  { to: '/new', label: 'New video' },
  { to: '/profile', label: 'Profile' },
];
const ADMIN_LINKS = [
  { to: '/admin/users', label: 'Users' },
  { to: '/admin/jobs', label: 'Jobs' },
  { to: '/admin/analytics', label: 'Analytics' },
];

/** Header, navigation (a drawer on phones) and the page. */
export function AppLayout() {
  const [opened, { toggle, close }] = useDisclosure();
  const { session, isAdmin, signOut } = useSession();
  const location = useLocation();
  const link = (item: { to: string; label: string }) => (
    <NavLink
      key={item.to}
      component={Link}
      to={item.to}
      label={item.label}
      active={location.pathname === item.to}
      variant="filled"
      onClick={close}
    />
  );
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Title order={1} size="h3">
              Looply
            </Title>
          </Group>
          <Group wrap="nowrap" gap="xs">
            <Text size="sm" visibleFrom="sm">
              {session?.email}
            </Text>
            <Button variant="default" size="xs" onClick={() => void signOut()}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main">
        <Text size="xs" fw={700} c="dimmed" px="sm" pt="xs">
          Studio
        </Text>
        {STUDIO_LINKS.map(link)}
        {isAdmin && (
          <>
            <Text size="xs" fw={700} c="dimmed" px="sm" pt="md">
              Admin console
            </Text>
            {ADMIN_LINKS.map(link)}
          </>
        )}
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
