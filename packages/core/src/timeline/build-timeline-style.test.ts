import { expect } from 'chai';
import { buildTimeline } from './build-timeline.js';
import { timelineSchema } from './timeline-schema.js';
import { fixture } from './__fixtures__/timeline-inputs.js';

describe('buildTimeline: caption look, transition and generated music', () => {
  it("uses the style's caption preset, transition and (for auto music and a silent tone) music mood", () => {
    const timeline = buildTimeline(
      fixture({ brief: { topic: 'solar', tone: 'matter-of-fact', style: 'playful', music: { mood: 'auto' } } }),
    );
    expect(timeline.captionStyle.highlight?.mode).to.equal('box');
    expect(timeline.transition).to.deep.equal({ kind: 'zoom', durationSec: 0.5 });
    expect(timeline.music).to.deep.equal({ mood: 'playful', volume: 0.2, duckingDb: -15 });
    // Each transition ends at its cut and fits in the narration pause before it (0.5 s here, rounded down to the cut's frame).
    expect(timeline.visuals[0].transitionInSec).to.equal(undefined);
    const narration = fixture().narration;
    for (const clip of timeline.visuals.slice(1)) {
      const pause = clip.startSec - narration.scenes[clip.sceneIndex - 1].endSec;
      expect(clip.transitionInSec).to.be.closeTo(Math.min(0.5, pause), 0.001);
      expect(clip.transitionInSec).to.be.within(0.45, 0.5);
    }
    expect(() => timelineSchema.parse(timeline)).to.not.throw();
  });

  it('picks the auto mood from the tone, takes a named mood as given, and honours the brief’s caption and transition choices', () => {
    expect(
      buildTimeline(fixture({ brief: { topic: 'solar', tone: 'enthusiastic', music: { mood: 'auto' } } })).music?.mood,
    ).to.equal('upbeat');
    expect(
      buildTimeline(fixture({ brief: { topic: 'solar', tone: 'dramatic', music: { mood: 'auto' } } })).music?.mood,
    ).to.equal('dramatic');
    expect(
      buildTimeline(fixture({ brief: { topic: 'solar', tone: 'enthusiastic', music: { mood: 'calm' } } })).music?.mood,
    ).to.equal('calm');
    const chosen = buildTimeline(
      fixture({ brief: { topic: 'solar', captions: { preset: 'classic', position: 'top' }, transition: 'none' } }),
    );
    expect(chosen.transition).to.equal(undefined);
    expect(chosen.visuals.every((clip) => clip.transitionInSec === undefined)).to.equal(true);
    expect(chosen.captionStyle.highlight).to.equal(undefined);
    expect(chosen.captionStyle.verticalPosition).to.be.below(0.3);
  });
});
