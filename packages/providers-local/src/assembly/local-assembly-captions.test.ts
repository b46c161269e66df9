import { expect } from 'chai';
import type { Timeline } from '@looply/core';
import { useAssemblyHarness } from './__fixtures__/assembly-harness.js';
import { createRenderInputs } from './__fixtures__/render-inputs.js';
import { greyFrames } from './__fixtures__/video-inspection.js';
import { createLocalAssemblyProvider } from './local-assembly-provider.js';

describe('createLocalAssemblyProvider', function () {
  this.timeout(120_000);
  const harness = useAssemblyHarness();
  const { callOptions } = harness;

  describe('captions (a 1:1 render with captions against the same render without)', () => {
    let timeline: Timeline;
    let withCaptions: Uint8Array[];
    let withoutCaptions: Uint8Array[];
    const SCALE = 4;
    const size = 1080 / SCALE;

    before(async () => {
      ({ timeline } = await createRenderInputs(harness.artifacts, {
        aspectRatio: '1:1',
        sceneTexts: ['Ça marche déjà très bien, même en hiver.', 'Et la facture baisse!'],
        prefix: 'square',
      }));
      const provider = createLocalAssemblyProvider();
      const captioned = await provider.doGenerate(callOptions(timeline, 'jobs/square-captions/assembly'));
      const plain = await provider.doGenerate(callOptions({ ...timeline, captions: [] }, 'jobs/square-plain/assembly'));
      expect(captioned.warnings, 'the caption font covers French').to.deep.equal([]);
      withCaptions = await greyFrames(await harness.artifacts.localPath(captioned.video.key), size, size);
      withoutCaptions = await greyFrames(await harness.artifacts.localPath(plain.video.key), size, size);
    });

    /** Pixels that differ strongly between the two renders of frame `index`. */
    function captionPixels(index: number): Array<{ x: number; y: number }> {
      const pixels: Array<{ x: number; y: number }> = [];
      const a = withCaptions[index];
      const b = withoutCaptions[index];
      for (let offset = 0; offset < a.length; offset += 1) {
        if (Math.abs(a[offset] - b[offset]) > 60) pixels.push({ x: offset % size, y: Math.floor(offset / size) });
      }
      return pixels;
    }

    it('shows each caption from its first word (±100 ms) until its last word ends (±150 ms)', () => {
      expect(withCaptions.length).to.equal(withoutCaptions.length);
      const visible = withCaptions.map((_, index) => captionPixels(index).length > 20);
      let cursor = 0;
      for (const caption of timeline.captions) {
        const text = caption.lines.join(' ');
        const firstWord = caption.words[0].startSec;
        const lastWord = caption.words[caption.words.length - 1].endSec;
        // The next run of frames showing text belongs to this caption (the fixture leaves gaps between captions).
        const first = visible.findIndex((shown, index) => shown && index >= cursor);
        expect(first, `caption "${text}" never shows`).to.be.at.least(0);
        let last = first;
        while (visible[last + 1]) last += 1;
        cursor = last + 1;
        expect(first / 30, `"${text}" appears`).to.be.within(firstWord - 0.1, firstWord + 0.1);
        expect((last + 1) / 30, `"${text}" leaves`).to.be.within(lastWord - 0.15, lastWord + 0.15);
      }
    });

    it('draws captions only inside the title-safe area (10% margins), in the lower part of the frame', () => {
      const margin = size * 0.1;
      for (const caption of timeline.captions) {
        const frame = Math.round(((caption.startSec + caption.endSec) / 2) * 30);
        const pixels = captionPixels(frame);
        expect(pixels.length).to.be.greaterThan(100);
        for (const { x, y } of pixels) {
          expect(x, 'caption x').to.be.within(margin - 1, size - margin + 1);
          expect(y, 'caption y').to.be.within(size / 2, size - margin + 1);
        }
      }
    });

    it('draws the same picture under the captions (they are burned on top, nothing else changes)', () => {
      const frame = Math.round((timeline.captions[0].startSec + 0.2) * 30);
      const top = captionPixels(frame).filter(({ y }) => y < size / 2);
      expect(top).to.deep.equal([]);
    });
  });
});
