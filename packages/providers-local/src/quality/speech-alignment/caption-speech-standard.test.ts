import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { briefSchema, LocalArtifactStore, type Narration, type Script } from '@looply/core';
import { expect } from 'chai';
import { resolveFfmpegPath } from '../../assembly/ffmpeg-binaries.js';
import { createLocalVoiceProvider } from '../../voice/local-voice-provider.js';
import { ffmpeg, fixtureTimeline } from '../__fixtures__/fixture-videos.js';
import type { QualityTimeline } from '../quality-timeline.js';
import { captionSpeechStandard } from './caption-speech-standard.js';
import { findPocketsphinx, POCKETSPHINX_MISSING } from './find-pocketsphinx.js';

const visual = { positive: 'a harbour at dawn', negative: 'blurry' };
// Not a template narration: text the voice and the check were not tuned on.
const SCRIPT: Script = {
  title: 'Tides',
  language: 'en',
  scenes: [
    { narration: 'Twice a day, the ocean rises and falls along every coast.', durationHintSec: 4, visual },
    {
      narration:
        'The moon pulls the water toward it, and the earth spins underneath. Fishermen have read these rhythms for thousands of years.',
      durationHintSec: 7,
      visual,
    },
  ],
};

/** A timeline whose captions show the narration's words three at a time, every time moved by `shiftSec`. */
function captionedTimeline(narration: Narration, shiftSec: number): QualityTimeline {
  const groups: Narration['words'][] = [];
  for (let index = 0; index < narration.words.length; index += 3) groups.push(narration.words.slice(index, index + 3));
  const timeline = fixtureTimeline({
    width: 360,
    height: 640,
    durationSec: narration.durationSec,
    captions: groups.map((group) => ({
      startSec: group[0].startSec + shiftSec,
      endSec: group[group.length - 1].endSec + shiftSec,
      lines: [group.map((word) => word.text).join(' ')],
    })),
  });
  timeline.captions.forEach((caption, index) => {
    caption.words = groups[index].map((word) => ({
      text: word.text,
      startSec: word.startSec + shiftSec,
      endSec: word.endSec + shiftSec,
    }));
  });
  return timeline;
}

describe('captions measured against the speech (pocketsphinx forced alignment)', function () {
  this.timeout(120_000);
  let folder: string;
  let video: string;
  let narration: Narration;

  before(async function () {
    if (!findPocketsphinx()) {
      console.log(`      (skipped: ${POCKETSPHINX_MISSING})`);
      this.skip();
    }
    folder = await mkdtemp(join(tmpdir(), 'looply-speech-standard-'));
    const store = new LocalArtifactStore(folder);
    ({ narration } = await createLocalVoiceProvider().doSynthesize({
      script: SCRIPT,
      brief: briefSchema.parse({ topic: 'Tides', durationSec: 11 }),
      abortSignal: new AbortController().signal,
      idempotencyKey: 'speech-check',
      artifacts: store,
      artifactPrefix: 'voice',
    }));
    const wav = join(folder, 'narration.wav');
    await writeFile(wav, await store.get(narration.audio.key));
    video = join(folder, 'narrated.mp4');
    await ffmpeg([
      '-f',
      'lavfi',
      '-i',
      `color=c=0x336699:s=360x640:r=30:d=${narration.durationSec}`,
      '-i',
      wav,
      '-c:v',
      'libx264',
      '-pix_fmt',
      'yuv420p',
      '-c:a',
      'aac',
      '-shortest',
      video,
    ]);
  });
  after(() => (folder ? rm(folder, { recursive: true, force: true }) : undefined));

  const measure = (timeline: QualityTimeline) =>
    captionSpeechStandard({ file: video, ffmpegPath: resolveFfmpegPath(), timeline, hasAudio: true });

  it('passes captions on the voice’s own word timings: ≥ 95 % of word starts within 100 ms, every onset within 150 ms', async () => {
    const result = await measure(captionedTimeline(narration, 0));
    expect(result.passed, JSON.stringify(result)).to.equal(true);
    expect(result.value).to.be.at.least(95);
    expect(result.measured).to.match(
      /^\d+(\.\d)? % of word starts within 100 ms, median \d+ ms, worst caption onset [+−-]?\d+ ms$/,
    );
    expect(result.details?.at(-1)).to.equal(
      `${narration.words.length} of ${narration.words.length} caption words placed in the audio by pocketsphinx forced alignment`,
    );
  });

  it('fails captions shifted 400 ms early, naming them', async () => {
    const result = await measure(captionedTimeline(narration, -0.4));
    expect(result.passed).to.equal(false);
    expect(result.value).to.be.below(20);
    expect(result.details?.[0], result.details?.[0]).to.match(
      /^caption \d+ ".+": shown at \d+\.\d{3} s, first word heard at \d+\.\d{3} s \(-\d{3} ms\)$/,
    );
  });

  it('fails captions shifted 400 ms late', async () => {
    const result = await measure(captionedTimeline(narration, 0.4));
    expect(result.passed).to.equal(false);
    expect(result.measured).to.match(/worst caption onset \+\d{3} ms$/);
  });

  it('says why it did not measure: no recogniser, another language, no audio', async () => {
    const timeline = captionedTimeline(narration, 0);
    const missing = await captionSpeechStandard({
      file: video,
      ffmpegPath: resolveFfmpegPath(),
      timeline,
      hasAudio: true,
      pocketsphinx: null,
    });
    expect(missing).to.include({ passed: null, measured: `not measured: ${POCKETSPHINX_MISSING}` });
    const french = await measure({ ...timeline, language: 'fr' });
    expect(french).to.include({
      passed: null,
      measured: 'not measured: no speech aligner for language "fr" (English only)',
    });
    const silent = await captionSpeechStandard({
      file: video,
      ffmpegPath: resolveFfmpegPath(),
      timeline,
      hasAudio: false,
    });
    expect(silent).to.include({ passed: null, measured: 'not measured: the video has no audio' });
  });
});
