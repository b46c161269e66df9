import { ProviderError } from '@looply/core';
import { DEFAULT_RETRY_AFTER_MAX_MS, retryAfterMsFromHeaders } from '@looply/core/provider-utils';
import { VAST_PROVIDER_ID } from './vast-provider-id.js';
import { wrapperResultSchema, type WrapperResult } from './comfy-wrapper-result.js';
import type { ComfyWorkflow } from './wan-workflow.js';

export interface ComfyWrapperClientConfig {
  /** The wrapper's base URL (Vast template: the instance's external port 8288). */
  endpointUrl: string;
  /** Bearer token of the instance's Caddy auth (`WEB_PASSWORD` / `OPEN_BUTTON_TOKEN`). */
  apiToken?: string;
  /** ComfyUI itself (for `/view`); default: the wrapper URL. */
  comfyUiUrl?: string;
  timeoutMs: number;
  fetch: typeof fetch;
}

export interface GenerateRequest {
  requestId: string;
  workflow: ComfyWorkflow;
  webhook?: { url: string; secret?: string };
}

/** The HTTP client of the ai-dock ComfyUI API wrapper: `POST /generate`, `GET /result/{id}`, `POST /cancel/{id}`, ComfyUI `/view`. */
export class ComfyWrapperClient {
  constructor(private readonly config: ComfyWrapperClientConfig) {}

  /** Queues a generation (202). */
  async generate(request: GenerateRequest, signal: AbortSignal): Promise<WrapperResult> {
    const input: Record<string, unknown> = { request_id: request.requestId, workflow_json: request.workflow };
    if (request.webhook)
      input.webhook = {
        url: request.webhook.url,
        ...(request.webhook.secret ? { secret: request.webhook.secret } : {}),
      };
    const response = await this.send('POST', '/generate', signal, { input });
    return this.parseResult(response, 'POST /generate');
  }

  /** The current state of a generation; `undefined` when the wrapper does not know the id (404). */
  async result(requestId: string, signal: AbortSignal): Promise<WrapperResult | undefined> {
    const response = await this.send('GET', `/result/${encodeURIComponent(requestId)}`, signal, undefined, [404]);
    if (response.status === 404) return undefined;
    return this.parseResult(response, `GET /result/${requestId}`);
  }

  async cancel(requestId: string, signal: AbortSignal): Promise<void> {
    await this.send('POST', `/cancel/${encodeURIComponent(requestId)}`, signal, undefined, [404]);
  }

  /** Downloads an output: a URL (presigned S3, no auth; or on the instance, with auth) or ComfyUI's `/view`. */
  async download(
    source: { url: string } | { filename: string; subfolder?: string; type?: string },
    signal: AbortSignal,
  ): Promise<Buffer> {
    let url: URL;
    let authorised = true;
    if ('url' in source) {
      url = new URL(source.url, this.config.endpointUrl);
      authorised =
        url.origin === new URL(this.config.endpointUrl).origin || url.origin === new URL(this.comfyUiUrl()).origin;
    } else {
      url = new URL('view', this.comfyUiUrl());
      url.searchParams.set('filename', source.filename);
      url.searchParams.set('subfolder', source.subfolder ?? '');
      url.searchParams.set('type', source.type ?? 'output');
    }
    const response = await this.fetchWithTimeout(
      url,
      { method: 'GET', headers: authorised ? this.authHeaders() : {} },
      signal,
      `GET ${url.pathname}`,
    );
    if (!response.ok) throw await this.errorFrom(response, `downloading the clip from ${url.origin}${url.pathname}`);
    return Buffer.from(await response.arrayBuffer());
  }

  private comfyUiUrl(): string {
    return withSlash(this.config.comfyUiUrl ?? this.config.endpointUrl);
  }

  private authHeaders(): Record<string, string> {
    return this.config.apiToken ? { authorization: `Bearer ${this.config.apiToken}` } : {};
  }

  private async send(
    method: string,
    path: string,
    signal: AbortSignal,
    body?: unknown,
    allowed: number[] = [],
  ): Promise<Response> {
    const url = new URL(path.slice(1), withSlash(this.config.endpointUrl));
    const headers: Record<string, string> = { accept: 'application/json', ...this.authHeaders() };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await this.fetchWithTimeout(
      url,
      { method, headers, body: body === undefined ? undefined : JSON.stringify(body) },
      signal,
      `${method} ${path}`,
    );
    if (!response.ok && !allowed.includes(response.status)) throw await this.errorFrom(response, `${method} ${path}`);
    return response;
  }

  private async fetchWithTimeout(url: URL, init: RequestInit, signal: AbortSignal, what: string): Promise<Response> {
    const timeout = AbortSignal.timeout(this.config.timeoutMs);
    try {
      return await this.config.fetch(url, { ...init, signal: AbortSignal.any([signal, timeout]) });
    } catch (error) {
      if (signal.aborted) throw error;
      const timedOut = timeout.aborted;
      throw new ProviderError({
        provider: VAST_PROVIDER_ID,
        message: timedOut
          ? `The ComfyUI API wrapper at ${url.origin} did not answer ${what} within ${this.config.timeoutMs} ms`
          : `Cannot reach the ComfyUI API wrapper at ${url.origin} (${what}): ${error instanceof Error ? error.message : String(error)}`,
        retryable: true,
        cause: error,
      });
    }
  }

  private async parseResult(response: Response, what: string): Promise<WrapperResult> {
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ProviderError({
        provider: VAST_PROVIDER_ID,
        message: `The ComfyUI API wrapper answered ${what} with non-JSON: ${text.slice(0, 200)}`,
        retryable: true,
      });
    }
    const parsed = wrapperResultSchema.safeParse(json);
    if (!parsed.success) {
      throw new ProviderError({
        provider: VAST_PROVIDER_ID,
        message: `The ComfyUI API wrapper answered ${what} with an unexpected body (${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ')})`,
        retryable: true,
      });
    }
    return parsed.data;
  }

  private async errorFrom(response: Response, what: string): Promise<ProviderError> {
    const text = (await response.text().catch(() => '')).slice(0, 500);
    const detail = text ? `: ${text}` : '';
    const base = { provider: VAST_PROVIDER_ID, statusCode: response.status };
    if (response.status === 401 || response.status === 403) {
      return new ProviderError({
        ...base,
        message: `The ComfyUI API wrapper refused ${what} (HTTP ${response.status}): check WAN_API_TOKEN (the instance's WEB_PASSWORD or OPEN_BUTTON_TOKEN)${detail}`,
        retryable: false,
        code: 'unauthorized',
      });
    }
    if (response.status === 503) {
      return new ProviderError({
        ...base,
        message: `The ComfyUI API wrapper's queue is full (${what}, HTTP 503)${detail}`,
        retryable: true,
        retryAfterMs: retryAfterMsFromHeaders(response.headers, { maxMs: DEFAULT_RETRY_AFTER_MAX_MS }),
        code: 'queue-full',
      });
    }
    const retryable = response.status === 408 || response.status === 429 || response.status >= 500;
    return new ProviderError({
      ...base,
      message: `The ComfyUI API wrapper answered ${what} with HTTP ${response.status}${detail}`,
      retryable,
      retryAfterMs: retryAfterMsFromHeaders(response.headers, { maxMs: DEFAULT_RETRY_AFTER_MAX_MS }),
    });
  }
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
