import { Alert, Anchor, Button, Card, Group, Loader, Pagination, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { api, ApiError } from '../api/api-client';
import type { Page, Video } from '../api/types';
import { StatusBadge } from '../components/status-badge';
import { VideoPoster } from '../components/video-poster';

const PAGE_SIZE = 12;

/** The caller's videos, newest first, a page at a time, each with its poster frame. */
export function LibraryPage() {
  const location = useLocation();
  const notice = (location.state as { message?: string } | null)?.message;
  const [page, setPage] = useState(1);
  const [videos, setVideos] = useState<Page<Video> | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    api<Page<Video>>(`/videos?page=${page}&pageSize=${PAGE_SIZE}`).then(setVideos, (error: unknown) =>
      setFailure(error instanceof ApiError ? error.message : String(error)),
    );
  }, [page]);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Library</Title>
        <Button component={Link} to="/new">
          New video
        </Button>
      </Group>
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
      {!videos && !failure && <Loader aria-label="Loading" />}
      {videos && videos.total === 0 && <Text>No videos yet: create your first one.</Text>}
      {videos && (
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 4 }}>
          {videos.items.map((video) => {
            return (
              <Card key={video.id} withBorder padding="sm" radius="md" data-testid="library-item">
                <Card.Section>
                  <VideoPoster video={video} />
                </Card.Section>
                <Stack gap={4} mt="xs">
                  <Anchor component={Link} to={`/videos/${video.id}`} fw={600} lineClamp={2}>
                    {video.brief.topic}
                  </Anchor>
                  <Group gap="xs">
                    <StatusBadge status={video.status} />
                    <Text size="sm">
                      {video.result ? `${video.result.durationSec.toFixed(1)} s` : `${video.brief.durationSec} s asked`}
                    </Text>
                  </Group>
                  <Text size="xs" c="dimmed">
                    {new Date(video.createdAt).toLocaleString()}
                  </Text>
                </Stack>
              </Card>
            );
          })}
        </SimpleGrid>
      )}
      {videos && videos.total > PAGE_SIZE && (
        <Pagination total={Math.ceil(videos.total / PAGE_SIZE)} value={page} onChange={setPage} aria-label="Pages" />
      )}
    </Stack>
  );
}
