import {
  Alert,
  Button,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { api, ApiError } from '../api/api-client';
import { ASPECT_RATIOS, LANGUAGES } from '../api/styles';
import type { Profile, Video } from '../api/types';
import { StylePicker } from '../components/style-picker';

/** The brief form; the API validates it and its messages are shown next to the fields. */
export function NewVideoPage() {
  const navigate = useNavigate();
  const [topic, setTopic] = useState('');
  const [tone, setTone] = useState('informative');
  const [durationSec, setDurationSec] = useState<number | string>(30);
  const [aspectRatio, setAspectRatio] = useState<string>('9:16');
  const [style, setStyle] = useState('modern');
  const [language, setLanguage] = useState<string | null>('en');
  const [voice, setVoice] = useState('');
  const [music, setMusic] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    // Start from the profile's defaults.
    api<Profile>('/profile').then(
      (profile) => {
        if (profile.defaultStyle) setStyle(profile.defaultStyle);
        if (profile.defaultAspectRatio) setAspectRatio(profile.defaultAspectRatio);
        if (profile.defaultLanguage) setLanguage(profile.defaultLanguage);
        if (profile.defaultVoice) setVoice(profile.defaultVoice);
      },
      () => undefined,
    );
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setFailure(null);
    try {
      const body = {
        topic,
        tone,
        durationSec: typeof durationSec === 'number' ? durationSec : Number(durationSec),
        aspectRatio,
        style,
        ...(language ? { language } : {}),
        ...(voice.trim() ? { voice: voice.trim() } : {}),
        ...(music.trim() ? { music: { source: music.trim() } } : {}),
      };
      const video = await api<Video>('/videos', { method: 'POST', body });
      navigate(`/videos/${video.id}`);
    } catch (error) {
      if (error instanceof ApiError) {
        const fields = error.fieldErrors();
        setErrors(fields);
        if (Object.keys(fields).length === 0) setFailure(error.message);
      } else setFailure(String(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack maw={720}>
        <Title order={2}>New video</Title>
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        <Textarea
          label="Topic"
          description="What the video is about"
          autosize
          minRows={2}
          value={topic}
          onChange={(event) => setTopic(event.currentTarget.value)}
          error={errors.topic}
        />
        <Group grow align="flex-start" wrap="wrap">
          <TextInput
            label="Tone"
            value={tone}
            onChange={(event) => setTone(event.currentTarget.value)}
            error={errors.tone}
            miw={200}
          />
          <NumberInput
            label="Duration (seconds)"
            value={durationSec}
            onChange={setDurationSec}
            error={errors.durationSec}
            allowDecimal={false}
            miw={200}
          />
        </Group>
        <Stack gap={4}>
          <Text size="sm" fw={500} id="aspect-label">
            Aspect ratio
          </Text>
          <SegmentedControl
            aria-labelledby="aspect-label"
            value={aspectRatio}
            onChange={setAspectRatio}
            data={ASPECT_RATIOS.map((ratio) => ({ value: ratio, label: ratio }))}
          />
          {errors.aspectRatio && (
            <Text size="xs" c="red.8">
              {errors.aspectRatio}
            </Text>
          )}
        </Stack>
        <StylePicker value={style} onChange={setStyle} error={errors.style} />
        <Group grow align="flex-start" wrap="wrap">
          <Select
            label="Language"
            data={[...LANGUAGES]}
            value={language}
            onChange={setLanguage}
            error={errors.language}
            allowDeselect={false}
            miw={200}
          />
          <TextInput
            label="Voice"
            description="Optional: a voice id of the voice provider"
            value={voice}
            onChange={(event) => setVoice(event.currentTarget.value)}
            error={errors.voice}
            miw={200}
          />
        </Group>
        <TextInput
          label="Music"
          description="Optional: an http(s) URL of a track, ducked under the narration"
          value={music}
          onChange={(event) => setMusic(event.currentTarget.value)}
          error={errors.music}
        />
        <Group>
          <Button type="submit" loading={busy}>
            Create video
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
