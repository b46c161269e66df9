import {
  Alert,
  Button,
  Code,
  Group,
  PasswordInput,
  Progress,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/api-client';
import { ASPECT_RATIOS, LANGUAGES } from '../api/styles';
import type { Profile, QuotaUsage } from '../api/types';
import { StylePicker } from '../components/style-picker';
import { useSession } from '../session-context';

/** Brief defaults, quota left today, password change, and how to use the API with curl. */
export function ProfilePage() {
  const { session, signIn } = useSession();
  const [profile, setProfile] = useState<Profile | null>(null);
  const [usage, setUsage] = useState<QuotaUsage | null>(null);
  const [message, setMessage] = useState<{ color: string; text: string } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');

  useEffect(() => {
    void api<Profile>('/profile').then(setProfile, () => undefined);
    void api<QuotaUsage>('/usage').then(setUsage, () => undefined);
  }, []);

  function report(error: unknown) {
    if (error instanceof ApiError) {
      setErrors(error.fieldErrors());
      setMessage({ color: 'red', text: error.message });
    } else setMessage({ color: 'red', text: String(error) });
  }

  async function saveDefaults(event: FormEvent) {
    event.preventDefault();
    if (!profile) return;
    setErrors({});
    try {
      const { defaultStyle, defaultAspectRatio, defaultLanguage, defaultVoice, displayName } = profile;
      setProfile(
        await api<Profile>('/profile', {
          method: 'PATCH',
          body: {
            defaultStyle,
            defaultAspectRatio,
            defaultLanguage,
            defaultVoice: defaultVoice || null,
            displayName: displayName || null,
          },
        }),
      );
      setMessage({ color: 'green', text: 'Defaults saved' });
    } catch (error) {
      report(error);
    }
  }

  async function changePassword(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    try {
      const changed = await api<{ token: string; expiresAt: string; user: { email: string } }>('/auth/password', {
        method: 'POST',
        body: { currentPassword, newPassword },
      });
      signIn({ token: changed.token, expiresAt: changed.expiresAt, email: changed.user.email });
      setCurrentPassword('');
      setNewPassword('');
      setMessage({ color: 'green', text: 'Password changed: your other sessions are signed out' });
    } catch (error) {
      report(error);
    }
  }

  const origin = window.location.origin;
  return (
    <Stack maw={720}>
      <Title order={2}>Profile</Title>
      {message && (
        <Alert color={message.color} role="status">
          {message.text}
        </Alert>
      )}
      <Title order={3}>Quota left today</Title>
      {usage && (
        <Stack gap="xs">
          <Text size="sm">
            Videos: {usage.used.videosToday} of {usage.limits.videosPerDay} used,{' '}
            {Math.max(0, usage.limits.videosPerDay - usage.used.videosToday)} left
          </Text>
          <Progress value={(100 * usage.used.videosToday) / usage.limits.videosPerDay} aria-label="Videos used today" />
          <Text size="sm">
            Seconds of video: {usage.used.secondsToday} of {usage.limits.secondsPerDay} used,{' '}
            {Math.max(0, usage.limits.secondsPerDay - usage.used.secondsToday)} s left
          </Text>
          <Progress
            value={(100 * usage.used.secondsToday) / usage.limits.secondsPerDay}
            aria-label="Seconds used today"
          />
          <Text size="xs" c="dimmed">
            At most {usage.limits.concurrentJobs} unfinished at once ({usage.used.unfinishedJobs} now). Resets{' '}
            {new Date(usage.resetsAt).toLocaleString()}.
          </Text>
        </Stack>
      )}
      {profile && (
        <form onSubmit={(event) => void saveDefaults(event)}>
          <Stack>
            <Title order={3}>Defaults for new videos</Title>
            <TextInput
              label="Display name"
              value={profile.displayName ?? ''}
              onChange={(event) => setProfile({ ...profile, displayName: event.currentTarget.value })}
              error={errors.displayName}
            />
            <StylePicker
              value={profile.defaultStyle ?? 'modern'}
              onChange={(defaultStyle) => setProfile({ ...profile, defaultStyle })}
              error={errors.defaultStyle}
            />
            <Group grow wrap="wrap">
              <Select
                label="Aspect ratio"
                data={[...ASPECT_RATIOS]}
                value={profile.defaultAspectRatio ?? '9:16'}
                onChange={(value) => setProfile({ ...profile, defaultAspectRatio: value })}
                miw={160}
              />
              <Select
                label="Language"
                data={[...LANGUAGES]}
                value={profile.defaultLanguage ?? 'en'}
                onChange={(value) => setProfile({ ...profile, defaultLanguage: value })}
                miw={160}
              />
              <TextInput
                label="Voice"
                value={profile.defaultVoice ?? ''}
                onChange={(event) => setProfile({ ...profile, defaultVoice: event.currentTarget.value })}
                error={errors.defaultVoice}
                miw={160}
              />
            </Group>
            <Group>
              <Button type="submit">Save defaults</Button>
            </Group>
          </Stack>
        </form>
      )}
      <form onSubmit={(event) => void changePassword(event)} noValidate>
        <Stack>
          <Title order={3}>Change password</Title>
          <PasswordInput
            label="Current password"
            autoComplete="current-password"
            value={currentPassword}
            onChange={(event) => setCurrentPassword(event.currentTarget.value)}
            error={errors.currentPassword}
          />
          <PasswordInput
            label="New password"
            autoComplete="new-password"
            description="8 to 128 characters"
            value={newPassword}
            onChange={(event) => setNewPassword(event.currentTarget.value)}
            error={errors.newPassword}
          />
          <Group>
            <Button type="submit">Change password</Button>
          </Group>
        </Stack>
      </form>
      <Title order={3}>Use the API</Title>
      <Text size="sm">
        The API has no personal tokens yet; log in with curl to get a bearer token (documentation at{' '}
        <a href="/docs">/docs</a>):
      </Text>
      <Code block tabIndex={0} aria-label="Logging in with curl">
        {`TOKEN=$(curl -s -X POST ${origin}/api/v1/auth/login -H 'content-type: application/json' \\
  -d '{"email":"${session?.email ?? 'you@example.com'}","password":"…"}' | jq -r .token)
curl -s ${origin}/api/v1/videos -H "Authorization: Bearer $TOKEN"`}
      </Code>
    </Stack>
  );
}
