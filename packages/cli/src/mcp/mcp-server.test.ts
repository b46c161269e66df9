import { chmod, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { createTestDatabase, type TestDatabase } from '@looply/core/testing';
import { expect } from 'chai';
import { SOURCE_NODE_ARGUMENTS } from '../__fixtures__/node-arguments.js';

const bin = fileURLToPath(new URL('../bin.ts', import.meta.url));

interface ToolResult {
  isError?: boolean;
  content: { type: string; text?: string; uri?: string }[];
  structuredContent?: Record<string, unknown>;
}

// An assistant's view: the MCP SDK's own client talks to `looply mcp` over stdio, offline providers.
describe('looply mcp (the SDK client over stdio)', function () {
  this.timeout(180_000);
  let database: TestDatabase;
  let home: string;
  let client: Client;
  let stderr = '';

  before(async () => {
    database = await createTestDatabase();
    home = await mkdtemp(join(tmpdir(), 'looply-mcp-test-'));
    await chmod(home, 0o755);
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [...SOURCE_NODE_ARGUMENTS, bin, 'mcp', '--concurrency', '2'],
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        DATABASE_URL: database.url,
        LOOPLY_HOME: join(home, '.looply'),
      },
      cwd: home,
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    client = new Client({ name: 'looply-test', version: '1.0.0' });
    await client.connect(transport);
  });
  after(async () => {
    await client?.close();
    await database?.drop();
    await rm(home, { recursive: true, force: true });
  });

  const call = async (name: string, args: Record<string, unknown> = {}, options = {}) =>
    (await client.callTool({ name, arguments: args }, undefined, options)) as ToolResult;

  it('lists its tools, with the brief schema as create_video input', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).to.include.members([
      'create_video',
      'get_video',
      'list_videos',
      'cancel_video',
      'list_templates',
      'list_providers',
    ]);
    const create = tools.find((tool) => tool.name === 'create_video')!;
    expect(create.inputSchema.properties).to.include.keys('topic', 'durationSec', 'aspectRatio', 'style', 'providers');
    expect(create.inputSchema.required).to.deep.equal(['topic']);
  });

  it('answers an invalid brief with a tool error naming the field', async () => {
    const result = await call('create_video', { topic: 'tides', durationSec: 500 });
    expect(result.isError).to.equal(true);
    expect(result.content[0].text).to.contain('durationSec');
  });

  it('creates a 5 s video, reports progress while following it, and serves the finished MP4 as a resource', async () => {
    const progress: number[] = [];
    const result = await call(
      'create_video',
      { topic: 'how tides work', durationSec: 5 },
      {
        onprogress: (update: { progress: number }) => progress.push(update.progress),
        resetTimeoutOnProgress: true,
        timeout: 120_000,
      },
    );
    expect(result.isError, JSON.stringify(result) + stderr).to.not.equal(true);
    const job = result.structuredContent as {
      id: string;
      status: string;
      providers: Record<string, string>;
      video: { resourceUri: string; fileUri: string };
    };
    expect(job.status, stderr).to.equal('COMPLETED');
    expect(job.providers).to.deep.equal({ script: 'local', voice: 'local', visual: 'local', assembly: 'local' });
    expect(progress.length).to.be.greaterThan(1);
    expect(progress.at(-1)).to.equal(100);
    expect(progress).to.deep.equal([...progress].sort((a, b) => a - b));
    expect(result.content.some((item) => item.type === 'resource_link' && item.uri === job.video.resourceUri)).to.equal(
      true,
    );

    const { contents } = await client.readResource({ uri: job.video.resourceUri });
    expect(contents[0].mimeType).to.equal('video/mp4');
    const bytes = Buffer.from((contents[0] as { blob: string }).blob, 'base64');
    expect(bytes.subarray(4, 8).toString('latin1')).to.equal('ftyp');
    expect(bytes.length).to.be.greaterThan(10_000);

    const { resources } = await client.listResources();
    expect(resources.map((resource) => resource.uri)).to.include(job.video.resourceUri);
    const fetched = (await call('get_video', { id: job.id })).structuredContent as {
      status: string;
      video: { fileUri: string };
    };
    expect(fetched.status).to.equal('COMPLETED');
    expect((await stat(fileURLToPath(fetched.video.fileUri))).size).to.equal(bytes.length);
    const listed = (await call('list_videos', { status: 'COMPLETED' })).structuredContent as {
      items: { id: string }[];
    };
    expect(listed.items.map((item) => item.id)).to.include(job.id);
    const late = await call('cancel_video', { id: job.id });
    expect(late.isError).to.equal(true);
    expect(late.content[0].text).to.contain('already COMPLETED');
  });

  it('returns the job at once without a progress token, and cancels it', async () => {
    const created = (await call('create_video', { topic: 'volcanoes', durationSec: 5 })).structuredContent as {
      id: string;
      status: string;
      video: unknown;
    };
    // At once: not followed to the end (an idle worker may already have claimed the script step).
    expect(created.status).to.be.oneOf(['PENDING', 'RUNNING']);
    expect(created.video).to.equal(null);
    const cancelled = (await call('cancel_video', { id: created.id })).structuredContent as { status: string };
    expect(cancelled.status).to.equal('CANCELLED');
    // Cancelling again changes nothing.
    expect(((await call('cancel_video', { id: created.id })).structuredContent as { status: string }).status).to.equal(
      'CANCELLED',
    );
  });

  it('lists the built-in templates, and a brief naming one gets its structure and presets', async () => {
    const { templates } = (await call('list_templates')).structuredContent as { templates: { name: string }[] };
    expect(templates.map((template) => template.name)).to.deep.equal([
      'explainer',
      'listicle',
      'story',
      'product-promo',
      'news-recap',
    ]);
    const created = (await call('create_video', { topic: 'Coral reefs', template: 'listicle', durationSec: 5 }))
      .structuredContent as {
      id: string;
      brief: { template?: { name: string }; style: string; durationSec: number };
    };
    expect(created.brief.template?.name).to.equal('listicle');
    expect(created.brief.style).to.equal('playful');
    expect(created.brief.durationSec).to.equal(5);
    await call('cancel_video', { id: created.id });
  });

  it('lists the providers by step, and answers an unknown job id with a tool error', async () => {
    const { steps } = (await call('list_providers')).structuredContent as {
      steps: { step: string; auto: string; providers: { id: string }[] }[];
    };
    expect(steps.map((entry) => entry.step)).to.deep.equal(['script', 'voice', 'visual', 'assembly']);
    expect(
      steps.every((entry) => entry.auto === 'local' && entry.providers.some((row) => row.id === 'local')),
    ).to.equal(true);
    const missing = await call('get_video', { id: '00000000-0000-4000-8000-000000000000' });
    expect(missing.isError).to.equal(true);
    expect(missing.content[0].text).to.contain('00000000-0000-4000-8000-000000000000');
  });
});
