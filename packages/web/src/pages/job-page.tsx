import { Alert, Button, Group, Loader, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../api/api-client';
import { fetchVideoBlobUrl, readEventStream } from '../api/event-stream';
import type { Video } from '../api/types';
import { QualityTable } from '../components/quality-table';
import { StatusBadge } from '../components/status-badge';

function stepName(step: Video['steps'][number]): string {
  return step.step === 'visual' ? `visual scene ${(step.sceneIndex ?? 0) + 1}` : step.step;
}

function seconds(from: string | null, to: string | null): string {
  return from && to ? `${((Date.parse(to) - Date.parse(from)) / 1000).toFixed(1)} s` : '—';
}

/** One video: live steps (server-sent events), then the player, download, usage and cost; cancel, retry a failed one in place, try a cancelled one again, delete. */
export function JobPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [video, setVideo] = useState<Video | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [videoUrl, setVideoUrl] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const reload = useCallback(async () => {
    try {
      setVideo(await api<Video>(`/videos/${id}`));
    } catch (error) {
      setFailure(error instanceof ApiError ? error.message : String(error));
    }
  }, [id]);

  useEffect(() => {
    void reload();
  }, [reload]);

  // The engine sets `finishedAt` exactly when a job reaches a terminal status (and a retry clears it),
  // so the page needs no list of its own of which statuses are final.
  const running = video !== null && video.finishedAt === null;
  useEffect(() => {
    if (!running) return;
    const controller = new AbortController();
    // Every event re-reads the job: the page shows the server's state, never a guess.
    readEventStream(`/videos/${id}/events`, () => void reload(), controller.signal)
      .then(() => reload())
      .catch(() => undefined);
    return () => controller.abort();
  }, [id, running, reload]);

  useEffect(() => {
    if (video?.status !== 'COMPLETED') return;
    const controller = new AbortController();
    let url: string | null = null;
    fetchVideoBlobUrl(id, controller.signal).then(
      (created) => {
        url = created;
        setVideoUrl(created);
      },
      () => undefined,
    );
    return () => {
      controller.abort();
      if (url) URL.revokeObjectURL(url);
    };
  }, [id, video?.status]);

  async function act(action: () => Promise<void>) {
    setBusy(true);
    setFailure(null);
    try {
      await action();
    } catch (error) {
      setFailure(error instanceof ApiError ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  }

  if (!video)
    return failure ? (
      <Alert color="red" role="alert">
        {failure}
      </Alert>
    ) : (
      <Loader aria-label="Loading" />
    );
  const usageRows = Object.entries(video.usage.byStep);
  return (
    <Stack maw={900}>
      <Title order={2}>{video.brief.topic}</Title>
      <Group>
        <StatusBadge status={video.status} />
        <Text size="sm">
          {video.brief.durationSec} s · {video.brief.aspectRatio} · {video.brief.style} · {video.brief.language} ·{' '}
          {video.brief.tone}
        </Text>
      </Group>
      {failure && (
        <Alert color="red" role="alert">
          {failure}
        </Alert>
      )}
      <Progress value={video.progress} aria-label={`Progress ${video.progress}%`} size="lg" />
      {video.error && (
        <Alert
          color="red"
          title={`The ${video.error.step} step failed (${video.error.provider})`}
          // The light alert's red title is 3.2:1 on its tint; red.9 passes 4.5:1.
          styles={{ title: { color: 'var(--mantine-color-red-9)' } }}
        >
          {video.error.message}
        </Alert>
      )}
      {videoUrl && video.result && (
        <Stack gap="xs">
          <video
            data-testid="player"
            src={videoUrl}
            controls
            playsInline
            style={{ width: '100%', maxHeight: '70vh', background: '#000', borderRadius: 8 }}
            aria-label={`Video: ${video.brief.topic}`}
          />
          <Group>
            <Button component="a" href={videoUrl} download={`looply-${video.id}.mp4`}>
              Download MP4
            </Button>
            <Text size="sm">
              {video.result.durationSec.toFixed(1)} s · {video.result.width}×{video.result.height}
            </Text>
          </Group>
        </Stack>
      )}
      {video.status === 'COMPLETED' && video.quality && <QualityTable quality={video.quality} />}
      <Title order={3}>Steps</Title>
      <Table.ScrollContainer minWidth={520}>
        <Table striped aria-label="Steps">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Step</Table.Th>
              <Table.Th>Provider</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Attempt</Table.Th>
              <Table.Th>Time</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {video.steps.map((step) => (
              <Table.Tr
                key={`${step.step}-${step.sceneIndex ?? ''}`}
                data-step={stepName(step)}
                data-status={step.status}
              >
                <Table.Td>{stepName(step)}</Table.Td>
                <Table.Td>{step.provider}</Table.Td>
                <Table.Td>
                  <StatusBadge status={step.status} />
                  {step.error && (
                    <Text size="xs" c="red.9">
                      {step.error}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{step.attempt}</Table.Td>
                <Table.Td>{seconds(step.startedAt, step.finishedAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Title order={3}>Usage and cost</Title>
      <Table aria-label="Usage and cost">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Step</Table.Th>
            <Table.Th>Usage</Table.Th>
            <Table.Th>Cost</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {usageRows.map(([step, usage]) => (
            <Table.Tr key={step}>
              <Table.Td>{step}</Table.Td>
              <Table.Td>
                {Object.entries(usage)
                  .filter(([key]) => key !== 'costUsd')
                  .map(([key, value]) => `${key} ${Math.round(Number(value) * 10) / 10}`)
                  .join(', ') || '—'}
              </Table.Td>
              <Table.Td>{usage.costUsd !== undefined ? `$${usage.costUsd.toFixed(4)}` : '—'}</Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Td fw={700}>Total</Table.Td>
            <Table.Td />
            <Table.Td fw={700}>${video.usage.totalCostUsd.toFixed(4)}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      <Group>
        {running && (
          <Button
            color="orange"
            loading={busy}
            onClick={() => void act(async () => setVideo(await api<Video>(`/videos/${id}/cancel`, { method: 'POST' })))}
          >
            Cancel
          </Button>
        )}
        {video.status === 'FAILED' && (
          <Button
            loading={busy}
            // The same video again: its failed steps re-run, and the page follows it (its events) as before.
            onClick={() => void act(async () => setVideo(await api<Video>(`/videos/${id}/retry`, { method: 'POST' })))}
          >
            Retry
          </Button>
        )}
        {video.status === 'CANCELLED' && (
          <Button
            loading={busy}
            onClick={() =>
              void act(async () => {
                const { topic, tone, durationSec, aspectRatio, style, language, voice } = video.brief;
                const again = await api<Video>('/videos', {
                  method: 'POST',
                  body: { topic, tone, durationSec, aspectRatio, style, language, ...(voice ? { voice } : {}) },
                });
                navigate(`/videos/${again.id}`);
              })
            }
          >
            Try again
          </Button>
        )}
        <Button
          color="red"
          variant="outline"
          loading={busy}
          onClick={() =>
            void act(async () => {
              if (!window.confirm('Delete this video and its files?')) return;
              await api(`/videos/${id}`, { method: 'DELETE' });
              navigate('/', { state: { message: 'Video deleted' } });
            })
          }
        >
          Delete
        </Button>
      </Group>
    </Stack>
  );
}
