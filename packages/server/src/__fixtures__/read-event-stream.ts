export interface ServerSentEvent {
  event: string;
  data: unknown;
}

/** Reads a text/event-stream until the server closes it (or `timeoutMs`), parsing `event:`/`data:` blocks. */
export async function readEventStream(
  url: string,
  token: string,
  options: { timeoutMs?: number; onEvent?: (event: ServerSentEvent) => void; signal?: AbortSignal } = {},
): Promise<{ status: number; contentType: string | null; events: ServerSentEvent[]; comments: number }> {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 30_000);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  const response = await fetch(url, {
    headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' },
    signal,
  });
  const events: ServerSentEvent[] = [];
  let comments = 0;
  if (!response.body)
    return { status: response.status, contentType: response.headers.get('content-type'), events, comments };
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const chunk of response.body) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      let boundary: number;
      while ((boundary = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, boundary);
        buffer = buffer.slice(boundary + 2);
        let event = 'message';
        const data: string[] = [];
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) comments++;
          else if (line.startsWith('event: ')) event = line.slice(7);
          else if (line.startsWith('data: ')) data.push(line.slice(6));
        }
        if (data.length) {
          const parsed = { event, data: JSON.parse(data.join('\n')) as unknown };
          events.push(parsed);
          options.onEvent?.(parsed);
        }
      }
    }
  } catch (error) {
    if (!signal.aborted) throw error;
  }
  return { status: response.status, contentType: response.headers.get('content-type'), events, comments };
}
