import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { LocalArtifactStore, type Timeline, type TransitionKind } from '@looply/core';
import { measureVideo } from '../quality/measure-video.js';
import { createRenderInputs } from './__fixtures__/render-inputs.js';
import { greyFrames } from './__fixtures__/video-inspection.js';
import { createLocalAssemblyProvider } from './local-assembly-provider.js';
import { transitionFrames } from './video-filter-graph.js';

const SCENES = [
  'Solar panels turn sunlight into power.',
  'Prices fell fast, so it is cheap now!',
  'Batteries keep the lights on at night.',
];
const SIZE = 96;

/** Mean absolute difference of two gray frames (0–255). */
function difference(first: Uint8Array, second: Uint8Array): number {
  let sum = 0;
  for (let index = 0; index < first.length; index += 1) sum += Math.abs(first[index] - second[index]);
  return sum / first.length;
}

function mean(frame: Uint8Array): number {
  return frame.reduce((sum, value) => sum + value, 0) / frame.length;
}

describe('transitions between scenes (local assembler, real ffmpeg, no xfade)', function () {
  this.timeout(300_000);
  let root: string;
  let artifacts: LocalArtifactStore;
  const rendered = new Map<TransitionKind, { timeline: Timeline; file: string; frames: Uint8Array[] }>();

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'looply-transition-test-'));
    artifacts = new LocalArtifactStore(root);
    for (const transition of ['none', 'crossfade', 'slide', 'zoom'] as const) {
      const { timeline } = await createRenderInputs(artifacts, {
        aspectRatio: '1:1',
        sceneTexts: SCENES,
        prefix: transition,
        look: { transition },
      });
      const result = await createLocalAssemblyProvider().doGenerate({
        timeline,
        artifacts,
        artifactPrefix: `jobs/${transition}`,
        abortSignal: new AbortController().signal,
        idempotencyKey: transition,
      });
      const file = await artifacts.localPath(result.video.key);
      rendered.set(transition, { timeline, file, frames: await greyFrames(file, SIZE, SIZE) });
    }
  });
  after(() => rm(root, { recursive: true, force: true }));

  /** First frame of each scene after the first: where the narration of that scene starts. */
  function cuts(timeline: Timeline): number[] {
    return timeline.visuals.slice(1).map((clip) => Math.round(clip.startSec * timeline.output.fps));
  }

  for (const kind of ['crossfade', 'slide', 'zoom'] as const) {
    it(`${kind}: blends only the frames of the narration pause before each cut; each scene is whole from its cut, the video keeps its length`, () => {
      const plain = rendered.get('none')!;
      const { timeline, frames } = rendered.get(kind)!;
      expect(timeline.transition).to.deep.equal({ kind, durationSec: 0.5 });
      expect(frames.length).to.equal(plain.frames.length);
      const fps = timeline.output.fps;
      const clipFrames = timeline.visuals.map((clip, index) => ({
        frames:
          Math.round((clip.startSec + clip.lengthSec) * fps) - (index === 0 ? 0 : Math.round(clip.startSec * fps)),
        transitionInSec: clip.transitionInSec,
        kenBurns: clip.kind === 'image' && clip.motion.type === 'ken-burns',
      }));
      const leads = transitionFrames(clipFrames, timeline.transition, fps);
      cuts(timeline).forEach((cut, index) => {
        const lead = leads[index + 1];
        // The fixture's voice pauses about 0.36 s between scenes: the transition fills that pause, not more.
        const pause = timeline.visuals[index + 1].transitionInSec!;
        expect(pause).to.be.within(0.3, 0.45);
        expect(lead, `transition into scene ${index + 2}`).to.equal(Math.floor(pause * fps + 1e-6));
        // Untouched before the transition (encoder noise only).
        expect(difference(frames[cut - lead - 2], plain.frames[cut - lead - 2]), 'before').to.be.below(3);
        // From the cut on, the new scene alone: as far from the old scene as a hard cut, close to the
        // new one (its Ken Burns move started earlier, with the transition, so the framing differs a little).
        const sceneChange = difference(plain.frames[cut - 1], plain.frames[cut]);
        for (const offset of [0, 1, 5]) {
          expect(
            difference(frames[cut + offset], plain.frames[cut + offset]),
            `cut + ${offset} vs new scene`,
          ).to.be.below(sceneChange / 4);
          expect(difference(frames[cut + offset], plain.frames[cut - 1]), `cut + ${offset} vs old scene`).to.be.above(
            sceneChange * 0.75,
          );
        }
        // Mid-transition the picture is neither the old scene nor the new one.
        const middle = frames[cut - Math.round(lead / 2)];
        expect(difference(middle, plain.frames[cut - Math.round(lead / 2)]), 'mid vs old scene').to.be.above(4);
        expect(difference(middle, plain.frames[cut]), 'mid vs new scene').to.be.above(4);
      });
    });
  }

  it('never darkens a transition frame below the darker of the two scenes it joins', () => {
    for (const kind of ['crossfade', 'slide', 'zoom'] as const) {
      const { timeline, frames } = rendered.get(kind)!;
      for (const cut of cuts(timeline)) {
        const floor = Math.min(mean(frames[cut - 16]), mean(frames[cut])) - 6;
        for (let frame = cut - 15; frame < cut; frame += 1)
          expect(mean(frames[frame]), `${kind} frame ${frame}`).to.be.at.least(floor);
      }
    }
  });

  it('meets every output standard the check measures, black and frozen frames and captions included', async () => {
    for (const kind of ['crossfade', 'slide', 'zoom'] as const) {
      const { timeline, file } = rendered.get(kind)!;
      const report = await measureVideo(file, { timeline });
      const failed = report.standards.filter((standard) => standard.passed === false);
      expect(failed, `${kind}: ${JSON.stringify(failed, null, 1)}`).to.deep.equal([]);
    }
  });
});
