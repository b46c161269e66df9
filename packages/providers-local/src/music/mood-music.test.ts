import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { MUSIC_MOODS, decodeWav, encodeWav } from '@looply/core';
import { readFile } from 'node:fs/promises';
import { measureLoudness, readFloatWavLeftChannel, rmsDecibels } from '../assembly/__fixtures__/video-inspection.js';
import { resolveFfmpegPath } from '../assembly/ffmpeg-binaries.js';
import { renderAudio } from '../assembly/render-audio.js';
import { MOOD_MUSIC_LUFS, moodMusicFile } from './mood-music-file.js';
import { moodScore, scoreLengthSec } from './mood-score.js';

describe('generated music by mood (spessasynth_core + FluidR3 Mono SoundFont)', function () {
  this.timeout(240_000);
  let cache: string;
  before(async () => {
    cache = await mkdtemp(join(tmpdir(), 'looply-music-test-'));
  });
  after(() => rm(cache, { recursive: true, force: true }));

  it('writes a different score for each mood, every note inside the loop', () => {
    const signatures = MUSIC_MOODS.map((mood) => {
      const score = moodScore(mood);
      const loopBeats = score.bars * 4;
      for (const entry of score.notes)
        expect(entry.beat + entry.lengthBeats, `${mood} note at beat ${entry.beat}`).to.be.at.most(loopBeats);
      return `${score.beatsPerMinute}:${Object.values(score.programs).join(',')}`;
    });
    expect(new Set(signatures).size).to.equal(MUSIC_MOODS.length);
  });

  for (const mood of MUSIC_MOODS) {
    it(`renders the ${mood} loop once at ${MOOD_MUSIC_LUFS} ± 1 LUFS, exactly one loop long, then serves it from the cache`, async () => {
      const file = await moodMusicFile({
        mood,
        ffmpegPath: resolveFfmpegPath(),
        provider: 'local',
        cacheDirectory: cache,
      });
      const audio = decodeWav(await readFile(file));
      expect(audio.channels).to.equal(2);
      expect(audio.samples.length / 2 / audio.sampleRate).to.be.closeTo(scoreLengthSec(moodScore(mood)), 0.001);
      expect((await measureLoudness(file)).integratedLufs).to.be.closeTo(MOOD_MUSIC_LUFS, 1);
      const written = (await stat(file)).mtimeMs;
      const again = await moodMusicFile({
        mood,
        ffmpegPath: resolveFfmpegPath(),
        provider: 'local',
        cacheDirectory: cache,
      });
      expect(again).to.equal(file);
      expect((await stat(again)).mtimeMs).to.equal(written);
    });
  }

  it('under a narration: ducked at least 12 dB while the voice speaks, looped to the video length, faded out at the end', async () => {
    const work = await mkdtemp(join(tmpdir(), 'looply-music-mix-'));
    try {
      const durationSec = 40;
      const music = await moodMusicFile({
        mood: 'upbeat',
        ffmpegPath: resolveFfmpegPath(),
        provider: 'local',
        cacheDirectory: cache,
      });
      expect(scoreLengthSec(moodScore('upbeat'))).to.be.below(durationSec / 2);
      await writeFile(
        join(work, 'narration.wav'),
        encodeWav({ sampleRate: 24_000, channels: 1, samples: new Int16Array(24_000 * durationSec) }),
      );
      const speech = [{ startSec: 5, endSec: 15 }];
      const rendered = await renderAudio({
        ffmpegPath: resolveFfmpegPath(),
        provider: 'local',
        workDirectory: work,
        narration: { file: 'narration.wav', startSec: 0, volume: 1 },
        music: { file: music, volume: 0.5, duckingDb: -15, speech, fades: { inSec: 0.3, outSec: 2 } },
        durationSec,
        loudness: { integratedLufs: -14, truePeakDb: -1.5 },
        normalise: false,
      });
      const { samples, sampleRate } = await readFloatWavLeftChannel(join(work, rendered.file));
      expect(samples.length).to.equal(durationSec * sampleRate);
      const level = (from: number, to: number): number =>
        rmsDecibels(samples, Math.round(from * sampleRate), Math.round(to * sampleRate));
      const open = level(1, 4.5);
      const ducked = level(5.5, 14.5);
      expect(open - ducked, 'ducking depth').to.be.at.least(12);
      // Past the first loop the music still plays at its open level, then fades out.
      expect(level(30, 37), 'level in the third loop').to.be.above(open - 4);
      expect(level(39.6, 40), 'level in the last 0.4 s').to.be.below(open - 12);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
});
