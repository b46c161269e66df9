import { expect } from 'chai';
import type { AspectRatio } from '../domain/brief.js';
import { contrastRatio } from './caption-style.js';
import { characterCount } from './captions.js';
import { buildTimeline } from './build-timeline.js';
import { KEN_BURNS_MAX_SCALE } from './ken-burns.js';
import { timelineSchema } from './timeline-schema.js';
import { fixture, SCENE_TEXTS } from './__fixtures__/timeline-inputs.js';

describe('buildTimeline', () => {
  it('produces a timeline the Timeline schema accepts', () => {
    const timeline = buildTimeline(fixture());
    expect(() => timelineSchema.parse(timeline)).to.not.throw();
  });

  it('lays one clip per scene, abutting, from 0 to the end of the video', () => {
    const timeline = buildTimeline(fixture());
    expect(timeline.visuals.map((clip) => clip.sceneIndex)).to.deep.equal([0, 1, 2, 3]);
    expect(timeline.visuals[0].startSec).to.equal(0);
    timeline.visuals.slice(1).forEach((clip, index) => {
      const previous = timeline.visuals[index];
      expect(clip.startSec).to.be.closeTo(previous.startSec + previous.lengthSec, 1e-9);
    });
    const last = timeline.visuals[timeline.visuals.length - 1];
    expect(last.startSec + last.lengthSec).to.be.closeTo(timeline.durationSec, 1e-9);
  });

  it('cuts to scene n at its narration start (to the frame), so the previous scene runs through the pause', () => {
    const input = fixture();
    const timeline = buildTimeline(input);
    for (let index = 1; index < input.narration.scenes.length; index += 1) {
      expect(timeline.visuals[index].startSec).to.be.at.most(input.narration.scenes[index].startSec);
      expect(timeline.visuals[index].startSec).to.be.greaterThan(input.narration.scenes[index].startSec - 1 / 30);
      expect(Number.isInteger(Math.round(timeline.visuals[index].startSec * 30 * 1e6) / 1e6)).to.equal(true);
      expect(timeline.visuals[index - 1].startSec + timeline.visuals[index - 1].lengthSec).to.be.greaterThan(
        input.narration.scenes[index - 1].endSec,
      );
    }
  });

  it('runs the last scene to the end of the narration plus a tail of at most 0.5 s', () => {
    const input = fixture();
    const timeline = buildTimeline(input);
    expect(timeline.durationSec).to.be.at.least(input.narration.durationSec);
    expect(timeline.durationSec).to.be.at.most(input.narration.durationSec + 0.5);
    expect(timeline.durationSec * 30).to.be.closeTo(Math.round(timeline.durationSec * 30), 1e-6);
    expect(buildTimeline(input, { tailSec: 0 }).durationSec).to.be.closeTo(input.narration.durationSec, 1 / 30);
  });

  it('gives stills a gentle Ken Burns move that differs from one scene to the next, and clips their source length', () => {
    const timeline = buildTimeline(fixture());
    const moves = timeline.visuals.map((clip) => JSON.stringify(clip.motion));
    for (let index = 1; index < moves.length; index += 1) expect(moves[index]).to.not.equal(moves[index - 1]);
    for (const clip of timeline.visuals) {
      if (clip.kind === 'image') {
        expect(clip.motion.type).to.equal('ken-burns');
        if (clip.motion.type !== 'ken-burns') continue;
        for (const framing of [clip.motion.from, clip.motion.to]) {
          expect(framing.scale).to.be.within(1, KEN_BURNS_MAX_SCALE);
          // The crop window stays inside the picture.
          const half = 0.5 / framing.scale;
          expect(framing.centerX - half).to.be.at.least(-1e-9);
          expect(framing.centerX + half).to.be.at.most(1 + 1e-9);
          expect(framing.centerY - half).to.be.at.least(-1e-9);
          expect(framing.centerY + half).to.be.at.most(1 + 1e-9);
        }
        expect(clip.sourceDurationSec).to.equal(undefined);
      } else {
        expect(clip.motion).to.deep.equal({ type: 'none' });
        expect(clip.sourceDurationSec).to.equal(2.5);
      }
    }
  });

  it('is deterministic: the same inputs give the same timeline', () => {
    expect(buildTimeline(fixture())).to.deep.equal(buildTimeline(fixture()));
  });

  it('builds captions of at most 2 lines within the line length, timed to their words and inside their scene', () => {
    const input = fixture();
    const timeline = buildTimeline(input, { captions: { maxCharsPerLine: 24 } });
    expect(timeline.captions.length).to.be.greaterThan(4);
    const shown = timeline.captions.flatMap((caption) => caption.lines.join(' ').split(' '));
    expect(shown).to.deep.equal(input.narration.words.map((word) => word.text));
    timeline.captions.forEach((caption, index) => {
      expect(caption.lines.length).to.be.within(1, 2);
      for (const line of caption.lines) expect(characterCount(line)).to.be.at.most(24);
      expect(caption.startSec).to.equal(caption.words[0].startSec);
      expect(caption.endSec - (caption.words.at(-1)?.endSec ?? 0)).to.be.within(0, 0.1 + 1e-9);
      const clip = timeline.visuals[caption.sceneIndex];
      expect(caption.startSec).to.be.at.least(clip.startSec);
      expect(caption.endSec).to.be.at.most(clip.startSec + clip.lengthSec + 1e-9);
      const next = timeline.captions[index + 1];
      if (next) expect(caption.endSec).to.be.at.most(next.startSec);
    });
  });

  it('estimates caption timings from the script when the narration has no word timings', () => {
    const input = fixture();
    input.narration = { ...input.narration, words: [], wordTimingsExact: false };
    const timeline = buildTimeline(input);
    expect(timeline.captions.flatMap((caption) => caption.lines.join(' ').split(' '))).to.deep.equal(
      SCENE_TEXTS.join(' ').split(' '),
    );
    for (const caption of timeline.captions) {
      const scene = input.narration.scenes[caption.sceneIndex];
      expect(caption.startSec).to.be.at.least(scene.startSec - 1e-9);
      expect(caption.endSec).to.be.at.most(scene.endSec + 0.1 + 1e-9);
    }
  });

  it('leaves captions out when asked', () => {
    expect(buildTimeline(fixture(), { captions: false }).captions).to.deep.equal([]);
  });

  for (const [aspectRatio, width, height] of [
    ['9:16', 1080, 1920],
    ['16:9', 1920, 1080],
    ['1:1', 1080, 1080],
  ] as Array<[AspectRatio, number, number]>) {
    it(`styles captions for ${aspectRatio}: caption font, white-ish text on a dark outline, 10% safe margins, lower third`, () => {
      const timeline = buildTimeline(fixture({ brief: { topic: 'solar', aspectRatio, style: 'cinematic' } }));
      const style = timeline.captionStyle;
      expect(timeline.output).to.deep.equal({ width, height, fps: 30 });
      expect(style.font).to.deep.equal({ family: 'Inter', weight: 800 });
      expect(style.safeMarginXPx).to.equal(Math.round(width * 0.1));
      expect(style.safeMarginYPx).to.equal(Math.round(height * 0.1));
      expect(style.fontSizePx).to.be.within(Math.min(width, height) * 0.04, Math.min(width, height) * 0.07);
      expect(contrastRatio(style.textColor, style.outlineColor)).to.be.at.least(7);
      expect(style.outlineWidthPx).to.be.at.least(2);
      expect(style.verticalPosition).to.be.within(2 / 3, 0.9);
    });
  }

  it('adds the brief’s music ducked by at least 12 dB under the voice, and no music without one', () => {
    const timeline = buildTimeline(fixture());
    expect(timeline.music?.source).to.equal('music/upbeat.mp3');
    expect(timeline.music?.volume).to.equal(0.25);
    expect(timeline.music?.duckingDb).to.be.at.most(-12);
    expect(buildTimeline(fixture({ brief: { topic: 'solar' } })).music).to.equal(undefined);
  });

  it('targets −14 LUFS integrated with a true-peak ceiling of at most −1 dBTP, over the whole narration', () => {
    const input = fixture();
    const timeline = buildTimeline(input);
    expect(timeline.loudness.integratedLufs).to.equal(-14);
    expect(timeline.loudness.truePeakDb).to.be.at.most(-1);
    expect(timeline.narration).to.deep.equal({
      artifact: input.narration.audio,
      startSec: 0,
      lengthSec: input.narration.durationSec,
      volume: 1,
    });
  });
});
