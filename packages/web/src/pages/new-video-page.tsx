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
import type { Page, Profile, Template, Video } from '../api/types';
import { StylePicker } from '../components/style-picker';

const MUSIC_CHOICES = [
  { value: 'auto', label: 'Auto (mood from the tone)' },
  { value: 'calm', label: 'Calm' },
  { value: 'upbeat', label: 'Upbeat' },
  { value: 'dramatic', label: 'Dramatic' },
  { value: 'playful', label: 'Playful' },
  { value: 'none', label: 'None' },
  { value: 'url', label: 'Your track (URL)' },
];

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
  const [template, setTemplate] = useState<string | null>(null);
  const [templates, setTemplates] = useState<Template[]>([]);
  const [music, setMusic] = useState<string | null>('auto');
  const [musicUrl, setMusicUrl] = useState('');
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
    api<Pick<Page<Template>, 'items'>>('/templates').then(
      (list) => setTemplates(list.items),
      () => undefined,
    );
  }, []);

  /** A template fills the form with its presets; any field can still be changed (the brief overrides it). */
  function chooseTemplate(name: string | null) {
    setTemplate(name);
    const presets = templates.find((entry) => entry.name === name)?.presets;
    if (!presets) return;
    if (presets.tone) setTone(presets.tone);
    if (presets.durationSec) setDurationSec(presets.durationSec);
    if (presets.aspectRatio) setAspectRatio(presets.aspectRatio);
    if (presets.style) setStyle(presets.style);
    if (presets.language) setLanguage(presets.language);
    if (presets.voice) setVoice(presets.voice);
    if (presets.music?.mood) setMusic(presets.music.mood);
  }

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
        ...(template ? { template } : {}),
        ...(music === 'url'
          ? { music: { source: musicUrl.trim() } }
          : music && music !== 'none'
            ? { music: { mood: music } }
            : {}),
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
        <Select
          label="Template"
          description="Optional: a script structure (hook, points, call to action) and presets for the fields below"
          placeholder="None"
          data={templates.map((entry) => ({
            value: entry.name,
            label: entry.builtIn ? entry.name : `${entry.name} (yours)`,
          }))}
          value={template}
          onChange={chooseTemplate}
          error={errors.template}
          clearable
        />
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
        <Group grow align="flex-start" wrap="wrap">
          <Select
            label="Music"
            description="Generated offline by mood, or your track; ducked under the narration"
            data={MUSIC_CHOICES}
            value={music}
            onChange={setMusic}
            error={music === 'url' ? undefined : errors.music}
            allowDeselect={false}
            miw={200}
          />
          {music === 'url' && (
            <TextInput
              label="Track URL"
              description="An http(s) URL of an audio file"
              value={musicUrl}
              onChange={(event) => setMusicUrl(event.currentTarget.value)}
              error={errors.music}
              miw={200}
            />
          )}
        </Group>
        <Group>
          <Button type="submit" loading={busy}>
            Create video
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
