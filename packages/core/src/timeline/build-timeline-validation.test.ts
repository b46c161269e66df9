import { expect } from 'chai';
import type { AspectRatio } from '../domain/brief.js';
import { LooplyError } from '../errors/looply-error.js';
import { buildTimeline } from './build-timeline.js';
import { fixture } from './__fixtures__/timeline-inputs.js';

describe('buildTimeline', () => {
  describe('rejects inconsistent inputs with an error naming the problem', () => {
    it('a narration with a different number of scenes than the script', () => {
      const input = fixture();
      input.narration = { ...input.narration, scenes: input.narration.scenes.slice(0, 3) };
      expect(() => buildTimeline(input)).to.throw(
        LooplyError,
        /narration has 3 scene timings but the script has 4 scenes/,
      );
    });

    it('a missing visual', () => {
      const input = fixture();
      input.visuals = input.visuals.filter((visual) => visual.sceneIndex !== 1);
      expect(() => buildTimeline(input)).to.throw(LooplyError, /no visual for scene 1/);
    });

    it('two visuals for one scene', () => {
      const input = fixture();
      input.visuals = [...input.visuals, input.visuals[0]];
      expect(() => buildTimeline(input)).to.throw(LooplyError, /scene \d has more than one visual/);
    });

    it('a visual for a scene the script does not have', () => {
      const input = fixture();
      input.visuals = [...input.visuals, { ...input.visuals[0], sceneIndex: 9 }];
      expect(() => buildTimeline(input)).to.throw(
        LooplyError,
        /visual is for scene 9 but the script has only 4 scenes/,
      );
    });

    it('a word in a scene that does not exist', () => {
      const input = fixture();
      input.narration = {
        ...input.narration,
        words: [...input.narration.words, { text: 'extra', startSec: 1, endSec: 1.2, sceneIndex: 7 }],
      };
      expect(() => buildTimeline(input)).to.throw(LooplyError, /word \d+ \("extra"\) is in scene 7/);
    });

    it('scene timings past the end of the narration', () => {
      const input = fixture();
      const scenes = input.narration.scenes.map((scene) => ({ ...scene }));
      scenes[3].endSec = input.narration.durationSec + 2;
      input.narration = { ...input.narration, scenes };
      expect(() => buildTimeline(input)).to.throw(LooplyError, /narration scene 3 ends at .* after the narration/);
    });

    it('an invalid brief field, naming the field', () => {
      const input = fixture();
      input.brief = { ...input.brief, aspectRatio: '4:3' as AspectRatio };
      expect(() => buildTimeline(input)).to.throw(LooplyError, /buildTimeline brief: aspectRatio/);
    });

    it('a tail longer than 0.5 s', () => {
      expect(() => buildTimeline(fixture(), { tailSec: 2 })).to.throw(LooplyError, /tailSec/);
    });
  });
});
