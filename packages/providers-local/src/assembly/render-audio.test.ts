import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { encodeWav } from '@looply/core';
import { synthesiseMusic, synthesiseSpeech, timedWords } from './__fixtures__/render-inputs.js';
import { measureLoudness, readFloatWavLeftChannel, rmsDecibels } from './__fixtures__/video-inspection.js';
import { resolveFfmpegPath } from './ffmpeg-binaries.js';
import { renderAudio, type RenderAudioOptions } from './render-audio.js';

describe('renderAudio', function () {
  this.timeout(60_000);
  let work: string;

  beforeEach(async () => {
    work = await mkdtemp(join(tmpdir(), 'looply-audio-test-'));
  });
  afterEach(async () => {
    await rm(work, { recursive: true, force: true });
  });

  function options(overrides: Partial<RenderAudioOptions>): RenderAudioOptions {
    return {
      ffmpegPath: resolveFfmpegPath(),
      provider: 'local',
      workDirectory: work,
      narration: { file: 'narration.wav', startSec: 0, volume: 1 },
      durationSec: 4,
      loudness: { integratedLufs: -14, truePeakDb: -1.5 },
      ...overrides,
    };
  }

  it('ducks the music by at least 12 dB while the voice speaks, and only then', async () => {
    await writeFile(
      join(work, 'narration.wav'),
      encodeWav({ sampleRate: 24_000, channels: 1, samples: new Int16Array(24_000 * 4) }),
    );
    await writeFile(join(work, 'music.wav'), synthesiseMusic(1.5));
    const speech = [{ startSec: 1, endSec: 2.5 }];
    const rendered = await renderAudio(
      options({ music: { file: 'music.wav', volume: 0.5, duckingDb: -15, speech }, normalise: false }),
    );
    const { samples, sampleRate } = await readFloatWavLeftChannel(join(work, rendered.file));
    expect(samples.length).to.equal(4 * sampleRate);
    const level = (from: number, to: number): number =>
      rmsDecibels(samples, Math.round(from * sampleRate), Math.round(to * sampleRate));
    const open = level(0.1, 0.7);
    const ducked = level(1.05, 2.45);
    const after = level(2.9, 3.9);
    expect(open - ducked, 'ducking depth').to.be.at.least(12);
    expect(open - ducked).to.be.closeTo(15, 1);
    // The music loops past its 1.5 s and comes back up after the speech.
    expect(Math.abs(after - open)).to.be.below(1);
  });

  for (const [name, amplitude] of [
    ['a quiet', 0.15],
    ['a loud', 1.6],
  ] as const) {
    it(`brings ${name} narration to −14 ± 1 LUFS with a true peak under the ceiling`, async () => {
      const { words, durationSec } = timedWords([
        'Here is some speech to measure for loudness, it goes on for a while.',
        'And then a second sentence.',
      ]);
      const speech = synthesiseSpeech(words, durationSec);
      // Scale the samples (clipping the loud one, as a hot recording would).
      for (let offset = 44; offset + 1 < speech.length; offset += 2)
        speech.writeInt16LE(
          Math.max(-32768, Math.min(32767, Math.round(speech.readInt16LE(offset) * amplitude))),
          offset,
        );
      await writeFile(join(work, 'narration.wav'), speech);
      const rendered = await renderAudio(options({ durationSec: durationSec + 0.3 }));
      expect(rendered.measured.integratedLufs).to.be.within(-14.5, -13.5);
      expect(rendered.measured.truePeakDb).to.be.at.most(-1.5);
      const independent = await measureLoudness(join(work, rendered.file));
      expect(independent.integratedLufs).to.be.within(-15, -13);
      expect(independent.truePeakDb).to.be.at.most(-1.5);
      expect(rendered.warnings).to.deep.equal([]);
    });
  }

  it('warns instead of amplifying a silent narration', async () => {
    await writeFile(
      join(work, 'narration.wav'),
      encodeWav({ sampleRate: 24_000, channels: 1, samples: new Int16Array(24_000 * 2) }),
    );
    const rendered = await renderAudio(options({ durationSec: 2 }));
    expect(rendered.gainDb).to.equal(0);
    expect(rendered.warnings.map((warning) => (warning.type === 'other' ? warning.message : ''))).to.include(
      'the narration is silent (below the loudness gate); loudness was not normalised',
    );
  });

  it('pads or cuts the narration to exactly the video length and honours its start offset', async () => {
    await writeFile(
      join(work, 'narration.wav'),
      synthesiseSpeech([{ text: 'hi', startSec: 0, endSec: 1, sceneIndex: 0 }], 1),
    );
    const rendered = await renderAudio(
      options({ narration: { file: 'narration.wav', startSec: 0.5, volume: 1 }, durationSec: 2.5 }),
    );
    const { samples, sampleRate } = await readFloatWavLeftChannel(join(work, rendered.file));
    expect(samples.length).to.equal(2.5 * sampleRate);
    expect(rmsDecibels(samples, 0, Math.round(0.45 * sampleRate))).to.be.below(-80);
    expect(rmsDecibels(samples, Math.round(0.6 * sampleRate), Math.round(1.4 * sampleRate))).to.be.above(-30);
  });
});
