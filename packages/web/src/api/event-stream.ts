import { authorizationHeader, checkResponse } from './api-client';

export interface StreamEvent {
  event: string;
  data: unknown;
}

/**
 * Reads `/videos/:id/events` with fetch, because `EventSource` cannot send the bearer header: the
 * server-sent-events format is parsed here (blank-line separated, `event:` and `data:` lines).
 * Resolves when the server closes the stream (after `job-end`) or `signal` aborts.
 */
export async function readEventStream(
  path: string,
  onEvent: (event: StreamEvent) => void,
  signal: AbortSignal,
): Promise<void> {
  const response = await fetch(`/api/v1${path}`, {
    headers: { ...authorizationHeader(), Accept: 'text/event-stream' },
    signal,
  });
  await checkResponse(response, true);
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let boundary: number;
    while ((boundary = buffer.search(/\r?\n\r?\n/)) >= 0) {
      const block = buffer.slice(0, boundary);
      buffer = buffer.slice(boundary).replace(/^\r?\n\r?\n/, '');
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split(/\r?\n/)) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length === 0) continue;
      try {
        onEvent({ event, data: JSON.parse(data.join('\n')) });
      } catch {
        onEvent({ event, data: data.join('\n') });
      }
    }
  }
}

/** The finished MP4 as a blob URL (a `<video src>` cannot send the bearer header either). */
export async function fetchVideoBlobUrl(id: string, signal?: AbortSignal): Promise<string> {
  const response = await fetch(`/api/v1/videos/${id}/file`, { headers: authorizationHeader(), signal });
  await checkResponse(response, true);
  return URL.createObjectURL(await response.blob());
}
