import { ProviderError } from '@looply/core';
import { DEFAULT_RETRY_AFTER_MAX_MS, retryAfterMsFromHeaders } from '@looply/core/provider-utils';
import { z } from 'zod';
import type { RequestSpacing } from './request-spacing.js';
import type { ShotstackEdit } from './shotstack-edit.js';
import { SHOTSTACK_PROVIDER_ID } from './shotstack-provider-id.js';

export const shotstackRenderSchema = z.looseObject({
  id: z.string().min(1),
  status: z.string().min(1),
  error: z.string().nullish(),
  url: z.string().nullish(),
  duration: z.number().nullish(),
  renderTime: z.number().nullish(),
});
export type ShotstackRender = z.infer<typeof shotstackRenderSchema>;

const envelopeSchema = z.looseObject({
  success: z.boolean().nullish(),
  message: z.string().nullish(),
  response: z.unknown(),
});

export interface ShotstackClientConfig {
  baseUrl: string;
  stage: 'stage' | 'v1';
  apiKey: string;
  spacing: RequestSpacing;
  timeoutMs: number;
  fetch: typeof fetch;
}

/** The Shotstack Edit API: `POST render`, `GET render/{id}`, and downloading the finished file. */
export class ShotstackClient {
  constructor(private readonly config: ShotstackClientConfig) {}

  async render(edit: ShotstackEdit, signal: AbortSignal): Promise<string> {
    const body = await this.request('POST', 'render', signal, edit);
    const parsed = z.looseObject({ id: z.string().min(1) }).safeParse(body);
    if (!parsed.success) throw this.unexpected('POST render', body);
    return parsed.data.id;
  }

  async status(id: string, signal: AbortSignal): Promise<ShotstackRender> {
    const body = await this.request('GET', `render/${encodeURIComponent(id)}?data=false`, signal);
    const parsed = shotstackRenderSchema.safeParse(body);
    if (!parsed.success) throw this.unexpected(`GET render/${id}`, body);
    return parsed.data;
  }

  /** The rendered file (its URL is temporary: Shotstack deletes it after 24 h). No API key: it is a CDN URL. */
  async download(url: string, signal: AbortSignal): Promise<Buffer> {
    const response = await this.fetchWithTimeout(url, { method: 'GET' }, signal, 'downloading the render');
    if (!response.ok) {
      throw new ProviderError({
        provider: SHOTSTACK_PROVIDER_ID,
        message: `Downloading the Shotstack render from ${new URL(url).origin} failed with HTTP ${response.status}`,
        retryable: response.status >= 500 || response.status === 429,
        statusCode: response.status,
      });
    }
    return Buffer.from(await response.arrayBuffer());
  }

  private async request(method: string, path: string, signal: AbortSignal, body?: unknown): Promise<unknown> {
    await this.config.spacing.wait(signal);
    const url = `${this.config.baseUrl.replace(/\/+$/, '')}/edit/${this.config.stage}/${path}`;
    const headers: Record<string, string> = { 'x-api-key': this.config.apiKey, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await this.fetchWithTimeout(
      url,
      { method, headers, body: body === undefined ? undefined : JSON.stringify(body) },
      signal,
      `${method} ${path}`,
    );
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    const envelope = envelopeSchema.safeParse(json);
    const message = envelope.success ? (envelope.data.message ?? undefined) : text.slice(0, 300) || undefined;
    if (!response.ok) throw this.httpError(response, `${method} ${path.split('?')[0]}`, message, json);
    if (!envelope.success) throw this.unexpected(`${method} ${path}`, json ?? text);
    return envelope.data.response;
  }

  private httpError(response: Response, what: string, message: string | undefined, json: unknown): ProviderError {
    const base = { provider: SHOTSTACK_PROVIDER_ID, statusCode: response.status };
    const detail = message ? `: ${message}` : '';
    if (response.status === 401 || response.status === 403) {
      return new ProviderError({
        ...base,
        message: `Shotstack refused the API key for the "${this.config.stage}" stage (${what}, HTTP ${response.status})${detail}. Keys are per stage: check SHOTSTACK_API_KEY and SHOTSTACK_STAGE`,
        retryable: false,
        code: 'unauthorized',
      });
    }
    if (response.status === 429) {
      // API Gateway throttling usually sends no Retry-After: then wait a second.
      const retryAfterMs = retryAfterMsFromHeaders(response.headers, { maxMs: DEFAULT_RETRY_AFTER_MAX_MS }) || 1000;
      return new ProviderError({
        ...base,
        message: `Shotstack rate limit hit (${what}, HTTP 429)${detail}`,
        retryable: true,
        retryAfterMs,
        code: 'rate-limited',
      });
    }
    const errors = (json as { response?: { error?: unknown } } | undefined)?.response;
    const extra =
      errors && typeof errors === 'object' && Object.keys(errors).length > 0
        ? ` ${JSON.stringify(errors).slice(0, 500)}`
        : '';
    return new ProviderError({
      ...base,
      message: `Shotstack answered ${what} with HTTP ${response.status}${detail}${extra}`,
      retryable: response.status >= 500 || response.status === 408,
    });
  }

  private unexpected(what: string, body: unknown): ProviderError {
    return new ProviderError({
      provider: SHOTSTACK_PROVIDER_ID,
      message: `Shotstack answered ${what} with an unexpected body: ${JSON.stringify(body)?.slice(0, 300)}`,
      retryable: true,
    });
  }

  private async fetchWithTimeout(url: string, init: RequestInit, signal: AbortSignal, what: string): Promise<Response> {
    const timeout = AbortSignal.timeout(this.config.timeoutMs);
    try {
      return await this.config.fetch(url, { ...init, signal: AbortSignal.any([signal, timeout]) });
    } catch (error) {
      if (signal.aborted) throw error;
      throw new ProviderError({
        provider: SHOTSTACK_PROVIDER_ID,
        message: timeout.aborted
          ? `Shotstack did not answer ${what} within ${this.config.timeoutMs} ms`
          : `Cannot reach Shotstack (${what}): ${error instanceof Error ? error.message : String(error)}`,
        retryable: true,
        cause: error,
      });
    }
  }
}
