import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { briefRequestSchema, BUILT_IN_TEMPLATES, JOB_STATUSES, type Engine } from '@looply/core';
import { z } from 'zod';
import type { StepProviders } from '../providers/describe-providers.js';
import { followJob } from './follow-job.js';
import { describeJob, jobToolResult, videoResourceUri } from './video-resource.js';

export interface LooplyMcpServerOptions {
  engine: Engine;
  /** `looply providers` as data, for `list_providers`. */
  providers: () => Promise<StepProviders[]>;
  version: string;
}

/**
 * The brief as create_video takes it: schema defaults left out, so that a named template's presets
 * can fill what the caller did not give (the engine applies the defaults after the template).
 */
const createVideoInputSchema = briefRequestSchema.extend(
  Object.fromEntries(
    Object.entries(briefRequestSchema.shape).flatMap(([name, field]) =>
      field instanceof z.ZodDefault ? [[name, field.unwrap().optional()]] : [],
    ),
  ),
) as unknown as typeof briefRequestSchema; // the same fields, typed as the brief the engine takes

const jobIdShape = { id: z.uuid().describe('the job id that create_video returned') };

/**
 * The MCP server of `looply mcp`: tools to create, follow, list and cancel videos and to list the
 * templates and providers, and each finished video as a resource. Input schemas are the brief's zod schemas, so a bad
 * field comes back as a tool error naming it.
 */
export function createLooplyMcpServer(options: LooplyMcpServerOptions): McpServer {
  const { engine } = options;
  const server = new McpServer({ name: 'looply', version: options.version });

  server.registerTool(
    'create_video',
    {
      title: 'Create a video',
      description:
        'Start a narrated video from a brief. Returns the job at once; when the request carries a progressToken, ' +
        'follows the job instead, sending progress notifications, and returns it finished (with the video resource).',
      // The brief, where `template` may name a built-in template (see list_templates) or give one inline.
      inputSchema: createVideoInputSchema,
    },
    async (brief, extra) => {
      const job = await engine.submit(brief);
      const progressToken = extra._meta?.progressToken;
      if (progressToken === undefined) return jobToolResult(await describeJob(engine, job));
      const finished = await followJob(engine, job.id, {
        signal: extra.signal,
        onProgress: (progress, message) =>
          extra.sendNotification({
            method: 'notifications/progress',
            params: { progressToken, progress, total: 100, message },
          }),
      });
      return jobToolResult(await describeJob(engine, finished));
    },
  );

  server.registerTool(
    'get_video',
    {
      title: 'Get a video job',
      description: 'Status, progress, providers, cost and, once finished, the video of one job.',
      inputSchema: jobIdShape,
    },
    async ({ id }) => {
      const job = await engine.get(id);
      if (!job) return { content: [{ type: 'text', text: `No video job ${id}` }], isError: true };
      return jobToolResult(await describeJob(engine, job));
    },
  );

  server.registerTool(
    'list_videos',
    {
      title: 'List video jobs',
      description: 'Video jobs, newest first, one page at a time.',
      inputSchema: {
        status: z.enum(JOB_STATUSES).optional(),
        page: z.number().int().min(1).default(1),
        pageSize: z.number().int().min(1).max(100).default(20),
      },
    },
    async (query) => {
      const { items, total } = await engine.list(query);
      const page = {
        total,
        page: query.page,
        pageSize: query.pageSize,
        items: await Promise.all(items.map((job) => describeJob(engine, job, { withFile: false }))),
      };
      return { content: [{ type: 'text', text: JSON.stringify(page, null, 2) }], structuredContent: page };
    },
  );

  server.registerTool(
    'cancel_video',
    {
      title: 'Cancel a video job',
      description: 'Cancels an unfinished job; no paid call starts after it.',
      inputSchema: jobIdShape,
    },
    async ({ id }) => jobToolResult(await describeJob(engine, await engine.cancel(id))),
  );

  server.registerTool(
    'list_templates',
    {
      title: 'List templates',
      description:
        'The built-in video templates: the script structure each gives (hook, points, call to action, pacing) and the brief ' +
        'fields it presets. Name one as `template` in create_video; the brief overrides any preset.',
    },
    async () => {
      const templates = [...BUILT_IN_TEMPLATES];
      return {
        content: [{ type: 'text', text: JSON.stringify({ templates }, null, 2) }],
        structuredContent: { templates },
      };
    },
  );

  server.registerTool(
    'list_providers',
    {
      title: 'List providers',
      description: 'Every provider by step: package, version, configured or not, and which one each step uses.',
    },
    async () => {
      const steps = await options.providers();
      return { content: [{ type: 'text', text: JSON.stringify({ steps }, null, 2) }], structuredContent: { steps } };
    },
  );

  server.registerResource(
    'video',
    new ResourceTemplate('looply://videos/{id}/video.mp4', {
      list: async () => {
        const { items } = await engine.list({ status: 'COMPLETED', pageSize: 100 });
        return {
          resources: items.map((job) => ({
            uri: videoResourceUri(job.id),
            name: job.brief.topic,
            mimeType: 'video/mp4',
          })),
        };
      },
    }),
    { title: 'A finished video', description: 'The MP4 of a completed job', mimeType: 'video/mp4' },
    async (uri, { id }) => {
      const job = await engine.get(String(id));
      if (!job?.result || job.status !== 'COMPLETED')
        throw new Error(`Video job ${String(id)} has no finished video (status: ${job?.status ?? 'unknown'})`);
      const bytes = await engine.artifacts.get(job.result.video.key);
      return { contents: [{ uri: uri.href, mimeType: 'video/mp4', blob: bytes.toString('base64') }] };
    },
  );
  return server;
}
