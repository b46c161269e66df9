import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';

/** An offer of `POST /api/v0/bundles/` (lenient: Vast adds fields freely). */
export const vastOfferSchema = z.looseObject({
  id: z.number().int(),
  gpu_name: z.string().nullish(),
  num_gpus: z.number().nullish(),
  gpu_ram: z.number().nullish(),
  dph_total: z.number().nullish(),
  reliability: z.number().nullish(),
  geolocation: z.string().nullish(),
});
export type VastOffer = z.infer<typeof vastOfferSchema>;

/** `GET /api/v0/instances/{id}/` → `{ instances: {…} }` (one object under the plural key). */
export const vastInstanceSchema = z.looseObject({
  id: z.number().int(),
  actual_status: z.string().nullish(),
  intended_status: z.string().nullish(),
  status_msg: z.string().nullish(),
  public_ipaddr: z.string().nullish(),
  ports: z.record(z.string(), z.array(z.looseObject({ HostPort: z.string() })).nullish()).nullish(),
  gpu_name: z.string().nullish(),
  dph_total: z.number().nullish(),
  label: z.string().nullish(),
});
export type VastInstance = z.infer<typeof vastInstanceSchema>;

/** A Vast REST failure, with the HTTP status and Vast's error code (`no_such_ask`, `auth_error`…). */
export class VastApiError extends Error {
  override readonly name = 'VastApiError';
  constructor(
    message: string,
    readonly statusCode: number,
    readonly code?: string,
  ) {
    super(message);
  }
}

export interface VastRestClientConfig {
  apiKey: string;
  /** Default `https://console.vast.ai`. */
  baseUrl?: string;
  /** 429s are retried this many times with doubling waits (Vast sends no Retry-After). Default 5. */
  maxRateLimitRetries?: number;
  /** First wait after a 429. Default 2000 ms (search allows about 10 requests a minute). */
  rateLimitBackoffMs?: number;
  fetch?: typeof fetch;
}

export interface OfferSearch {
  gpuNames?: string[];
  /** Minimum VRAM per GPU, in GB. */
  minGpuRamGb?: number;
  /** Maximum price, $ per hour. */
  maxDollarsPerHour?: number;
  numGpus?: number;
  limit?: number;
}

/** The subset of the Vast.ai REST API Looply uses to manage one ComfyUI instance. */
export class VastRestClient {
  private readonly baseUrl: string;

  constructor(private readonly config: VastRestClientConfig) {
    this.baseUrl = (config.baseUrl ?? 'https://console.vast.ai').replace(/\/+$/, '');
  }

  /** Rentable on-demand offers matching the search, cheapest first. */
  async searchOffers(search: OfferSearch, signal?: AbortSignal): Promise<VastOffer[]> {
    const query: Record<string, unknown> = {
      rentable: { eq: true },
      rented: { eq: false },
      verified: { eq: true },
      num_gpus: { eq: search.numGpus ?? 1 },
      type: 'ondemand',
      order: [['dph_total', 'asc']],
      limit: search.limit ?? 20,
    };
    if (search.gpuNames?.length) query.gpu_name = { in: search.gpuNames.map((name) => name.replace(/_/g, ' ')) };
    // gpu_ram is in MB and cards report a little under their nominal size (a 24 GB RTX 4090: 24564), so GB are counted as 1000 MB.
    if (search.minGpuRamGb !== undefined) query.gpu_ram = { gte: search.minGpuRamGb * 1000 };
    if (search.maxDollarsPerHour !== undefined) query.dph_total = { lte: search.maxDollarsPerHour };
    const body = await this.request('POST', '/api/v0/bundles/', query, signal);
    return z.looseObject({ offers: z.array(vastOfferSchema) }).parse(body).offers;
  }

  /** Rents an offer; answers the new instance id. */
  async createInstance(offerId: number, request: Record<string, unknown>, signal?: AbortSignal): Promise<number> {
    const body = await this.request('PUT', `/api/v0/asks/${offerId}/`, request, signal);
    const parsed = z.looseObject({ success: z.boolean().nullish(), new_contract: z.number().int() }).safeParse(body);
    if (!parsed.success)
      throw new VastApiError(
        `Vast answered the rent of offer ${offerId} without new_contract: ${JSON.stringify(body).slice(0, 200)}`,
        200,
      );
    return parsed.data.new_contract;
  }

  async showInstance(id: number, signal?: AbortSignal): Promise<VastInstance> {
    const body = await this.request('GET', `/api/v0/instances/${id}/`, undefined, signal);
    return z.looseObject({ instances: vastInstanceSchema }).parse(body).instances;
  }

  async destroyInstance(id: number, signal?: AbortSignal): Promise<void> {
    await this.request('DELETE', `/api/v0/instances/${id}/`, undefined, signal);
  }

  private async request(method: string, path: string, body: unknown, signal?: AbortSignal): Promise<unknown> {
    const maxRetries = this.config.maxRateLimitRetries ?? 5;
    let wait = this.config.rateLimitBackoffMs ?? 2000;
    for (let attempt = 0; ; attempt += 1) {
      const response = await (this.config.fetch ?? fetch)(`${this.baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.config.apiKey}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
      const text = await response.text();
      if (response.status === 429 && attempt < maxRetries) {
        // Often plain text ("API requests too frequent"), never a Retry-After: back off ourselves.
        await sleep(wait, undefined, { signal });
        wait *= 2;
        continue;
      }
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : {};
      } catch {
        json = undefined;
      }
      if (response.ok && json !== undefined) return json;
      const envelope = (json ?? {}) as { error?: unknown; msg?: unknown; message?: unknown; detail?: unknown };
      const code = typeof envelope.error === 'string' ? envelope.error : undefined;
      const detail =
        [envelope.msg, envelope.message, envelope.detail].find((value): value is string => typeof value === 'string') ??
        text.slice(0, 200);
      if (response.status === 401 || code === 'auth_error')
        throw new VastApiError(
          `Vast.ai refused the API key (${method} ${path}): check VAST_API_KEY`,
          response.status,
          code,
        );
      throw new VastApiError(
        `Vast.ai answered ${method} ${path} with HTTP ${response.status}${code ? ` ${code}` : ''}: ${detail}`,
        response.status,
        code,
      );
    }
  }
}
