import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalArtifactStore } from '../../artifacts/local-artifact-store.js';
import { readPngSize } from '../media/read-png-size.js';
import { readWavDuration } from '../media/read-wav-duration.js';
import { sampleBrief, sampleScript } from './sample-inputs.js';
import { createSampleTimeline } from './sample-timeline.js';

describe('createSampleTimeline', () => {
  let root: string;
  let artifacts: LocalArtifactStore;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'looply-sample-timeline-'));
    artifacts = new LocalArtifactStore(root);
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('writes a narration WAV lasting the timeline and one PNG per scene at the output size', async () => {
    const timeline = await createSampleTimeline(artifacts, 'inputs');
    expect(timeline.durationSec).to.equal(sampleBrief.durationSec);
    expect(readWavDuration(await artifacts.get(timeline.narration.artifact.key))).to.equal(timeline.durationSec);
    expect(timeline.visuals).to.have.length(sampleScript.scenes.length);
    for (const clip of timeline.visuals) {
      expect(readPngSize(await artifacts.get(clip.artifact.key))).to.deep.equal({
        width: timeline.output.width,
        height: timeline.output.height,
      });
    }
    expect((await artifacts.list('inputs')).every((key) => key.startsWith('inputs/'))).to.equal(true);
  });

  it('lays clips end to end from 0 to the narration end', async () => {
    const { visuals, durationSec } = await createSampleTimeline(artifacts, 'inputs');
    expect(visuals[0].startSec).to.equal(0);
    visuals
      .slice(1)
      .forEach((clip, index) =>
        expect(clip.startSec).to.be.closeTo(visuals[index].startSec + visuals[index].lengthSec, 1e-9),
      );
    const last = visuals[visuals.length - 1];
    expect(last.startSec + last.lengthSec).to.be.closeTo(durationSec, 1e-9);
  });

  it('builds captions from the word timings, within their scene', async () => {
    const timeline = await createSampleTimeline(artifacts, 'inputs');
    const words = timeline.captions.flatMap((caption) => caption.words.map((word) => word.text));
    expect(words.join(' ')).to.equal(sampleScript.scenes.map((scene) => scene.narration).join(' '));
    for (const caption of timeline.captions) {
      const clip = timeline.visuals[caption.sceneIndex];
      expect(caption.startSec).to.be.at.least(clip.startSec);
      expect(caption.endSec).to.be.at.most(clip.startSec + clip.lengthSec);
      expect(caption.lines).to.have.length(1);
    }
  });
});
