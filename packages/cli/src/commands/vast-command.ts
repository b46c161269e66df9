import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { loadConfig } from '../config/cli-config.js';
import { ConfigError } from '../config/config-error.js';
import { EXIT_CODES } from '../exit-codes.js';
import type { OutputStream } from '../output-stream.js';

export interface VastCommandContext {
  stdout: OutputStream;
  stderr: OutputStream;
  environment: Record<string, string | undefined>;
  cwd: string;
}

interface SearchOptions {
  gpu?: string[];
  minVram?: string;
  maxPrice?: string;
  json?: boolean;
}

interface UpOptions extends SearchOptions {
  image?: string;
  disk?: string;
  provisioningScript?: string;
  timeout?: string;
  poll?: string;
}

class VastUsageError extends Error {}

function positiveNumber(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0)
    throw new VastUsageError(`${flag} must be a positive number, got "${value}"`);
  return number;
}

function searchFrom(options: SearchOptions) {
  return {
    gpuNames: options.gpu,
    minGpuRamGb: positiveNumber('--min-vram', options.minVram),
    maxDollarsPerHour: positiveNumber('--max-price', options.maxPrice),
  };
}

function instanceId(value: string): number {
  const id = Number(value);
  if (!Number.isInteger(id) || id <= 0)
    throw new VastUsageError(`the instance id must be a positive integer, got "${value}"`);
  return id;
}

/**
 * Registers `looply vast offers|up|status|down`: finds and rents a GPU with Vast's ComfyUI template
 * for WAN 2.2, prints the WAN_ENDPOINT_URL / WAN_API_TOKEN to use, and destroys it afterwards.
 */
export function addVastCommand(
  program: Command,
  context: VastCommandContext,
  setExitCode: (code: number) => void,
): void {
  const vast = program
    .command('vast')
    .description('manage a Vast.ai GPU instance running ComfyUI for WAN 2.2 (needs VAST_API_KEY)');
  const searchFlags = (command: Command) =>
    command
      .option('--gpu <names...>', 'GPU models, e.g. "RTX 4090" or RTX_4090 (default: any)')
      .option('--min-vram <gb>', 'minimum VRAM per GPU in GB (default: 24)', '24')
      .option('--max-price <dollars>', 'maximum price in $/hour')
      .option('--json', 'print JSON');

  const run =
    (
      name: string,
      action: (
        vastModule: typeof import('@looply/providers-vast'),
        client: import('@looply/providers-vast').VastRestClient,
      ) => Promise<void>,
    ) =>
    async () => {
      try {
        const config = await loadConfig(context.environment, context.cwd);
        if (!config.vast.apiKey)
          throw new ConfigError('VAST_API_KEY', `looply vast ${name} needs VAST_API_KEY to be set`);
        const vastModule = await import('@looply/providers-vast');
        await action(
          vastModule,
          new vastModule.VastRestClient({ apiKey: config.vast.apiKey, baseUrl: config.vast.baseUrl }),
        );
        setExitCode(EXIT_CODES.success);
      } catch (error) {
        const usage = error instanceof ConfigError || error instanceof VastUsageError;
        context.stderr.write(`looply vast ${name}: ${(error as Error).message}\n`);
        setExitCode(usage ? EXIT_CODES.usage : EXIT_CODES.failure);
      }
    };

  searchFlags(vast.command('offers').description('list rentable offers, cheapest first')).action(
    (options: SearchOptions) =>
      run('offers', async (_module, client) => {
        const offers = await client.searchOffers(searchFrom(options));
        if (options.json) {
          context.stdout.write(`${JSON.stringify({ offers })}\n`);
          return;
        }
        if (offers.length === 0) context.stderr.write('No offer matches.\n');
        for (const offer of offers) {
          context.stdout.write(
            `${offer.id}\t${offer.num_gpus ?? 1}x ${offer.gpu_name ?? '?'}\t${Math.round((offer.gpu_ram ?? 0) / 1000)} GB\t$${(offer.dph_total ?? 0).toFixed(3)}/h\t${offer.geolocation ?? ''}\n`,
          );
        }
      })(),
  );

  searchFlags(
    vast
      .command('up')
      .description(
        'rent the cheapest matching offer with the ComfyUI image, wait until it runs, print WAN_ENDPOINT_URL and WAN_API_TOKEN',
      ),
  )
    .option('--image <image>', 'Docker image (default: vastai/comfy:latest)')
    .option('--disk <gb>', 'disk size in GB (default: 60)')
    .option('--provisioning-script <url>', 'PROVISIONING_SCRIPT that downloads the WAN 2.2 models on first boot')
    .option('--timeout <seconds>', 'how long to wait for the instance to run (default: 900)')
    .option('--poll <seconds>', 'wait between status checks while it starts (default: 10)')
    .action((options: UpOptions) =>
      run('up', async (module, client) => {
        const offers = await client.searchOffers(searchFrom(options));
        if (offers.length === 0) throw new Error('no offer matches the search');
        const token = randomBytes(24).toString('base64url');
        const body = module.comfyInstanceBody({
          webPassword: token,
          image: options.image,
          diskGb: positiveNumber('--disk', options.disk),
          provisioningScript: options.provisioningScript,
        });
        const { offer, instanceId: id, skipped } = await module.rentFirstAvailable(client, offers, body);
        if (skipped.length > 0) context.stderr.write(`Offers ${skipped.join(', ')} were gone; rented ${offer.id}.\n`);
        context.stderr.write(
          `Instance ${id} (${offer.gpu_name ?? 'GPU'}, $${(offer.dph_total ?? 0).toFixed(3)}/h) is starting…\n`,
        );
        const instance = await module.waitUntilRunning(client, id, {
          timeoutMs: (positiveNumber('--timeout', options.timeout) ?? 900) * 1000,
          intervalMs: (positiveNumber('--poll', options.poll) ?? 10) * 1000,
        });
        const endpointUrl = module.instanceUrl(instance, module.WRAPPER_PORT)!;
        if (options.json) {
          context.stdout.write(
            `${JSON.stringify({ instanceId: id, offerId: offer.id, endpointUrl, apiToken: token, dollarsPerHour: offer.dph_total ?? null })}\n`,
          );
          return;
        }
        context.stdout.write(`WAN_ENDPOINT_URL=${endpointUrl}\nWAN_API_TOKEN=${token}\n`);
        context.stderr.write(`Running. Destroy it with: looply vast down ${id}\n`);
      })(),
    );

  vast
    .command('status')
    .description('show an instance')
    .argument('<id>', 'instance id')
    .option('--json', 'print JSON')
    .action((id: string, options: { json?: boolean }) =>
      run('status', async (module, client) => {
        const instance = await client.showInstance(instanceId(id));
        const endpointUrl = module.instanceUrl(instance, module.WRAPPER_PORT) ?? null;
        if (options.json) {
          context.stdout.write(
            `${JSON.stringify({ instanceId: instance.id, status: instance.actual_status ?? null, message: instance.status_msg ?? null, endpointUrl })}\n`,
          );
          return;
        }
        context.stdout.write(
          `${instance.id}\t${instance.actual_status ?? 'provisioning'}\t${instance.gpu_name ?? ''}\t${endpointUrl ?? ''}\n`,
        );
      })(),
    );

  vast
    .command('down')
    .description('destroy an instance (irreversible; stops all billing for it)')
    .argument('<id>', 'instance id')
    .action((id: string) =>
      run('down', async (_module, client) => {
        await client.destroyInstance(instanceId(id));
        context.stderr.write(`Instance ${id} destroyed.\n`);
      })(),
    );
}
