import { Box, Image } from '@mantine/core';
import { useEffect, useState } from 'react';
import { authorizationHeader } from '../api/api-client';
import { STYLES } from '../api/styles';
import type { Video } from '../api/types';

/**
 * A finished video's poster frame (read with the bearer token, shown from a blob URL); the style's
 * swatch while it loads, for unfinished videos, and when the assembler made no poster.
 */
export function VideoPoster({ video }: { video: Video }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (video.status !== 'COMPLETED') return;
    const controller = new AbortController();
    let created: string | null = null;
    fetch(`/api/v1/videos/${video.id}/poster`, { headers: authorizationHeader(), signal: controller.signal })
      .then(async (response) => {
        if (!response.ok) return;
        created = URL.createObjectURL(await response.blob());
        setUrl(created);
      })
      .catch(() => undefined);
    return () => {
      controller.abort();
      if (created) URL.revokeObjectURL(created);
    };
  }, [video.id, video.status]);

  if (url) return <Image src={url} h={160} fit="cover" alt={`Poster of “${video.brief.topic}”`} data-testid="poster" />;
  const style = STYLES.find((entry) => entry.id === video.brief.style) ?? STYLES[0];
  return (
    <Box
      aria-hidden
      h={160}
      style={{
        background: `linear-gradient(135deg, ${style.background[0]}, ${style.background[1]})`,
        borderBottom: `6px solid ${style.accent}`,
      }}
    />
  );
}
