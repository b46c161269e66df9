import { setTimeout as sleep } from 'node:timers/promises';
import { VastApiError, type VastInstance, type VastOffer, type VastRestClient } from './vast-rest-client.js';

/** The ComfyUI API wrapper's external port in Vast's ComfyUI template. */
export const WRAPPER_PORT = 8288;
/** ComfyUI's external port (for `/view`). */
export const COMFYUI_PORT = 8188;
export const DEFAULT_COMFY_IMAGE = 'vastai/comfy:latest';

export interface ComfyInstanceRequest {
  image?: string;
  diskGb?: number;
  /** Becomes the Bearer token Looply sends (`WAN_API_TOKEN`). */
  webPassword: string;
  provisioningScript?: string;
  label?: string;
}

/** The `PUT /api/v0/asks/{id}/` body for a ComfyUI instance with the wrapper's and ComfyUI's ports published. */
export function comfyInstanceBody(request: ComfyInstanceRequest): Record<string, unknown> {
  const env: Record<string, string> = {
    [`-p ${COMFYUI_PORT}:${COMFYUI_PORT}`]: '1',
    [`-p ${WRAPPER_PORT}:${WRAPPER_PORT}`]: '1',
    WEB_PASSWORD: request.webPassword,
  };
  if (request.provisioningScript) env.PROVISIONING_SCRIPT = request.provisioningScript;
  return {
    image: request.image ?? DEFAULT_COMFY_IMAGE,
    disk: request.diskGb ?? 60,
    runtype: 'jupyter_direct',
    label: request.label ?? 'looply-wan',
    env,
    cancel_unavail: true,
  };
}

/** Offers vanish between search and rent (404/410 `no_such_ask`): tries them in order until one is rented. */
export async function rentFirstAvailable(
  client: VastRestClient,
  offers: readonly VastOffer[],
  body: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<{ offer: VastOffer; instanceId: number; skipped: number[] }> {
  const skipped: number[] = [];
  for (const offer of offers) {
    try {
      return { offer, instanceId: await client.createInstance(offer.id, body, signal), skipped };
    } catch (error) {
      if (
        error instanceof VastApiError &&
        (error.statusCode === 404 || error.statusCode === 410 || error.code === 'no_such_ask')
      ) {
        skipped.push(offer.id);
        continue;
      }
      throw error;
    }
  }
  throw new Error(
    `None of the ${offers.length} offers could be rented (all gone: ${skipped.join(', ') || 'none found'})`,
  );
}

/** `http://<public ip>:<host port of the container port>`, once Vast has mapped it. */
export function instanceUrl(instance: VastInstance, containerPort: number): string | undefined {
  const hostPort = instance.ports?.[`${containerPort}/tcp`]?.[0]?.HostPort;
  return instance.public_ipaddr && hostPort ? `http://${instance.public_ipaddr.trim()}:${hostPort}` : undefined;
}

const FAILED_STATES = new Set(['exited', 'unknown', 'offline']);

/** Polls until the instance runs with its wrapper port mapped; fails on a failure state or after `timeoutMs`. */
export async function waitUntilRunning(
  client: VastRestClient,
  instanceId: number,
  options: { timeoutMs: number; intervalMs: number; signal?: AbortSignal; onStatus?: (instance: VastInstance) => void },
): Promise<VastInstance> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const instance = await client.showInstance(instanceId, options.signal);
    options.onStatus?.(instance);
    if (instance.actual_status === 'running' && instanceUrl(instance, WRAPPER_PORT)) return instance;
    if (instance.actual_status && FAILED_STATES.has(instance.actual_status)) {
      throw new Error(
        `Instance ${instanceId} is ${instance.actual_status}${instance.status_msg ? `: ${instance.status_msg}` : ''}`,
      );
    }
    if (Date.now() > deadline)
      throw new Error(
        `Instance ${instanceId} was not running after ${Math.round(options.timeoutMs / 1000)} s (status: ${instance.actual_status ?? 'provisioning'})`,
      );
    await sleep(options.intervalMs, undefined, { signal: options.signal });
  }
}
