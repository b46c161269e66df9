import { Alert, Anchor, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation } from 'react-router';
import { api, ApiError } from '../api/api-client';
import { useSession } from '../session-context';

interface TokenResponse {
  token: string;
  expiresAt: string;
  user: { email: string };
}

/** Sign in and sign up (sign up registers, then signs in with the same password). */
export function AuthPage({ mode }: { mode: 'sign-in' | 'sign-up' }) {
  const { session, signIn } = useSession();
  const location = useLocation();
  const notice = (location.state as { message?: string } | null)?.message;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Where to go once signed in (a new account starts with a video).
  const [destination, setDestination] = useState('/');
  if (session) return <Navigate to={destination} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setFailure(null);
    try {
      if (mode === 'sign-up') await api('/auth/register', { method: 'POST', body: { email, password } });
      const login = await api<TokenResponse>('/auth/login', { method: 'POST', body: { email, password } });
      setDestination(mode === 'sign-up' ? '/new' : '/');
      signIn({ token: login.token, expiresAt: login.expiresAt, email: login.user.email });
    } catch (error) {
      if (error instanceof ApiError) {
        setErrors(error.fieldErrors());
        if (error.code !== 'validation') setFailure(error.message);
      } else setFailure(String(error));
    } finally {
      setBusy(false);
    }
  }

  const title = mode === 'sign-in' ? 'Sign in to Looply' : 'Create your Looply account';
  return (
    <Center mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="lg" radius="md" w="100%" maw={420} component="main">
        <form onSubmit={(event) => void submit(event)} noValidate>
          <Stack>
            <Title order={1} size="h2">
              {title}
            </Title>
            {notice && (
              <Alert color="blue" role="status">
                {notice}
              </Alert>
            )}
            {failure && (
              <Alert color="red" role="alert">
                {failure}
              </Alert>
            )}
            <TextInput
              label="Email"
              type="email"
              autoComplete="email"
              required
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
              error={errors.email}
            />
            <PasswordInput
              label="Password"
              autoComplete={mode === 'sign-in' ? 'current-password' : 'new-password'}
              required
              description={mode === 'sign-up' ? '8 to 128 characters' : undefined}
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
              error={errors.password}
            />
            <Button type="submit" loading={busy}>
              {mode === 'sign-in' ? 'Sign in' : 'Sign up'}
            </Button>
            <Text size="sm">
              {mode === 'sign-in' ? (
                <>
                  No account yet?{' '}
                  <Anchor component={Link} to="/sign-up">
                    Sign up
                  </Anchor>
                </>
              ) : (
                <>
                  Already registered?{' '}
                  <Anchor component={Link} to="/sign-in">
                    Sign in
                  </Anchor>
                </>
              )}
            </Text>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
