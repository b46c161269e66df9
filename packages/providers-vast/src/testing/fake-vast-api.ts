import type { IncomingMessage, ServerResponse } from 'node:http';
import { recordFakeRequests, sendJson, startFakeHttpServer, type RecordedFakeRequest } from '@looply/core/testing';

export interface FakeVastOffer {
  id: number;
  gpu_name: string;
  num_gpus: number;
  gpu_ram: number;
  dph_total: number;
  reliability?: number;
  geolocation?: string;
}

/** One request the fake received, with the status it answered. */
export type FakeVastRequest = RecordedFakeRequest;

export interface FakeVastApiOptions {
  apiKey: string;
  offers: FakeVastOffer[];
  /** The host port reported for the wrapper's 8288/tcp (point it at a fake wrapper). */
  wrapperHostPort?: number;
  /** GETs an instance answers before it is `running` (null → loading → running). Default 2. */
  bootPolls?: number;
}

export interface FakeVastApi {
  /** Use as `VAST_BASE_URL`. */
  url: string;
  requests: FakeVastRequest[];
  /** The next `count` requests get the plain-text 429 Vast sends, without Retry-After. */
  rateLimitNext(count: number): void;
  /** These offers disappear after the search: renting them answers 404 no_such_ask. */
  vanish(...offerIds: number[]): void;
  instanceIds(): number[];
  close(): Promise<void>;
}

interface FakeInstance {
  id: number;
  offer: FakeVastOffer;
  polls: number;
  body: Record<string, unknown>;
}

/** A local stand-in for the Vast.ai REST API: search, rent, show, destroy; plain-text 429s; vanishing offers. */
export async function startFakeVastApi(options: FakeVastApiOptions): Promise<FakeVastApi> {
  const requests: FakeVastRequest[] = [];
  const instances = new Map<number, FakeInstance>();
  const vanished = new Set<number>();
  let rateLimited = 0;
  let nextId = 9_000_001;

  const matches = (
    offer: FakeVastOffer,
    query: Record<string, { in?: string[]; gte?: number; lte?: number; eq?: unknown } | undefined>,
  ) => {
    const names = query.gpu_name?.in?.map((name) => name.replace(/_/g, ' '));
    if (names && !names.includes(offer.gpu_name)) return false;
    if (query.gpu_ram?.gte !== undefined && offer.gpu_ram < query.gpu_ram.gte) return false;
    if (query.dph_total?.lte !== undefined && offer.dph_total > query.dph_total.lte) return false;
    return true;
  };

  const handle = (request: IncomingMessage, response: ServerResponse, body: unknown): number => {
    if (rateLimited > 0) {
      rateLimited -= 1;
      response.writeHead(429, { 'content-type': 'text/plain' });
      response.end('API requests too frequent');
      return 429;
    }
    if (request.headers.authorization !== `Bearer ${options.apiKey}`)
      return sendJson(response, 401, { success: false, error: 'auth_error', msg: 'Invalid user key' });
    const path = new URL(request.url ?? '/', 'http://fake').pathname;
    if (request.method === 'POST' && path === '/api/v0/bundles/') {
      const query = (body ?? {}) as Record<string, { in?: string[]; gte?: number; lte?: number } | undefined>;
      const offers = options.offers
        .filter(
          (offer) =>
            matches(offer, query) && ![...instances.values()].some((instance) => instance.offer.id === offer.id),
        )
        .sort((a, b) => a.dph_total - b.dph_total);
      return sendJson(response, 200, { offers });
    }
    const ask = /^\/api\/v0\/asks\/(\d+)\/$/.exec(path);
    if (request.method === 'PUT' && ask) {
      const offer = options.offers.find((candidate) => candidate.id === Number(ask[1]));
      if (!offer || vanished.has(offer.id))
        return sendJson(response, 404, {
          success: false,
          error: 'no_such_ask',
          msg: `error 404/3603: no_such_ask  Instance type by id ${ask[1]} is not available.`,
        });
      const instance: FakeInstance = { id: nextId++, offer, polls: 0, body: body as Record<string, unknown> };
      instances.set(instance.id, instance);
      return sendJson(response, 200, { success: true, new_contract: instance.id, instance_api_key: 'restricted-key' });
    }
    const show = /^\/api\/v0\/instances\/(\d+)\/$/.exec(path);
    if (show) {
      const instance = instances.get(Number(show[1]));
      if (!instance)
        return sendJson(response, 404, { success: false, error: 'no_such_instance', msg: 'Instance not found' });
      if (request.method === 'DELETE') {
        instances.delete(instance.id);
        return sendJson(response, 200, { success: true });
      }
      instance.polls += 1;
      const boot = options.bootPolls ?? 2;
      const status = instance.polls >= boot + 1 ? 'running' : instance.polls >= 2 ? 'loading' : null;
      return sendJson(response, 200, {
        instances: {
          id: instance.id,
          actual_status: status,
          intended_status: 'running',
          status_msg: status === 'running' ? 'success, running' : 'pulling image',
          gpu_name: instance.offer.gpu_name,
          dph_total: instance.offer.dph_total,
          label: instance.body.label ?? null,
          public_ipaddr: status === 'running' ? '127.0.0.1\n' : null,
          ports:
            status === 'running'
              ? {
                  '8288/tcp': [{ HostIp: '0.0.0.0', HostPort: String(options.wrapperHostPort ?? 8288) }],
                  '8188/tcp': [{ HostIp: '0.0.0.0', HostPort: '8188' }],
                }
              : {},
        },
      });
    }
    return sendJson(response, 404, { success: false, error: 'not_found', msg: 'Not found' });
  };

  const fake = await startFakeHttpServer(handle, recordFakeRequests(requests));
  return {
    url: fake.url,
    requests,
    rateLimitNext(count) {
      rateLimited += count;
    },
    vanish(...offerIds) {
      for (const id of offerIds) vanished.add(id);
    },
    instanceIds: () => [...instances.keys()],
    close: () => fake.close(),
  };
}
