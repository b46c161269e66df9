import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { LooplyError } from '@looply/core';
import { fixtureTimeline } from './__fixtures__/fixture-videos.js';
import { readTimelineFile } from './quality-timeline.js';

const timeline = fixtureTimeline({
  width: 1080,
  height: 1920,
  durationSec: 5,
  captions: [{ startSec: 0.2, endSec: 1, lines: ['Bonjour à tous'] }],
});

describe('readTimelineFile', () => {
  let folder: string;
  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'looply-timeline-file-test-'));
  });
  after(() => rm(folder, { recursive: true, force: true }));

  async function file(name: string, content: string): Promise<string> {
    const path = join(folder, name);
    await writeFile(path, content);
    return path;
  }

  it('reads a Timeline file and a job file holding one in `timeline`, extra fields kept', async () => {
    const direct = await readTimelineFile(
      await file('timeline.json', JSON.stringify({ ...timeline, title: 'Solaire' })),
    );
    expect(direct.captions[0].lines).to.deep.equal(['Bonjour à tous']);
    expect((direct as Record<string, unknown>).title).to.equal('Solaire');
    const wrapped = await readTimelineFile(
      await file('job.json', JSON.stringify({ id: 'job-1', status: 'COMPLETED', timeline })),
    );
    expect(wrapped.output).to.deep.equal({ width: 1080, height: 1920, fps: 30 });
  });

  it('names the file and the bad field when the timeline is malformed', async () => {
    const broken = { timeline: { ...timeline, captionStyle: { ...timeline.captionStyle, textColor: 'white' } } };
    const error = await readTimelineFile(await file('broken.json', JSON.stringify(broken))).catch(
      (caught: unknown) => caught,
    );
    expect(error).to.be.instanceOf(LooplyError);
    expect((error as LooplyError).message).to.match(
      /^the "timeline" field of .*broken\.json: captionStyle\.textColor: must be a #rrggbb colour$/,
    );
  });

  it('says when the file is missing or not JSON', async () => {
    const missing = await readTimelineFile(join(folder, 'nope.json')).catch((caught: LooplyError) => caught);
    expect((missing as LooplyError).code).to.equal('not-found');
    const notJson = await readTimelineFile(await file('text.json', 'not json')).catch((caught: LooplyError) => caught);
    expect((notJson as LooplyError).message).to.match(/text\.json is not JSON/);
  });
});
