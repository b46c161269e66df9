import { expect } from 'chai';
import { briefSchema } from '../domain/brief.js';
import { narrationSchema } from '../domain/narration.js';
import type { Script } from '../domain/script.js';
import { AbortedError } from '../errors/provider-error.js';
import { readWavDuration } from './media/read-wav-duration.js';
import { temporaryCallOptions } from './mock-test-fixtures.js';
import { createMockVoiceProvider } from './mock-voice-provider.js';

const visual = { positive: 'a sunny roof', negative: '' };
const script: Script = {
  title: 'Solar',
  language: 'en',
  scenes: [
    { narration: 'Sunlight hits the panel.', durationHintSec: 2, visual },
    { narration: 'Electrons start to flow through the wire.', durationHintSec: 3.25, visual },
  ],
};
const brief = briefSchema.parse({ topic: 'solar power', durationSec: 5 });

describe('createMockVoiceProvider', () => {
  let fixture: Awaited<ReturnType<typeof temporaryCallOptions>>;
  beforeEach(async () => {
    fixture = await temporaryCallOptions('jobs/job-1/voice');
  });
  afterEach(() => fixture.dispose());

  it('writes a WAV at <prefix>/narration.wav lasting the sum of the scene durations', async () => {
    const { narration } = await createMockVoiceProvider().doSynthesize({ ...fixture.call, script, brief });
    expect(narration.audio).to.include({ key: 'jobs/job-1/voice/narration.wav', contentType: 'audio/wav' });
    expect(narration.durationSec).to.equal(5.25);
    expect(readWavDuration(await fixture.artifacts.get(narration.audio.key))).to.equal(5.25);
    expect(narrationSchema.safeParse(narration).success).to.equal(true);
  });

  it('cuts scenes exactly at the scene durations', async () => {
    const { narration } = await createMockVoiceProvider().doSynthesize({ ...fixture.call, script, brief });
    expect(narration.scenes).to.deep.equal([
      { startSec: 0, endSec: 2 },
      { startSec: 2, endSec: 5.25 },
    ]);
  });

  it('times every word, in order, inside its own scene', async () => {
    const { narration } = await createMockVoiceProvider().doSynthesize({ ...fixture.call, script, brief });
    expect(narration.words.map((word) => word.text)).to.deep.equal([
      ...'Sunlight hits the panel.'.split(' '),
      ...'Electrons start to flow through the wire.'.split(' '),
    ]);
    for (const word of narration.words) {
      const scene = narration.scenes[word.sceneIndex];
      expect(word.startSec).to.be.at.least(scene.startSec);
      expect(word.endSec).to.be.at.most(scene.endSec).and.above(word.startSec);
    }
    expect(narration.wordTimingsExact).to.equal(false);
  });

  it('writes a quiet tone by default and digital silence when asked', async () => {
    const tone = await createMockVoiceProvider().doSynthesize({ ...fixture.call, script, brief });
    const silence = await createMockVoiceProvider({ signal: 'silence', sampleRate: 8000 }).doSynthesize({
      ...fixture.call,
      artifactPrefix: 'jobs/job-1/voice-silent',
      script,
      brief,
    });
    const peak = (data: Buffer) => {
      let loudest = 0;
      for (let offset = 44; offset < data.length; offset += 2)
        loudest = Math.max(loudest, Math.abs(data.readInt16LE(offset)));
      return loudest;
    };
    const toneWav = await fixture.artifacts.get(tone.narration.audio.key);
    const silentWav = await fixture.artifacts.get(silence.narration.audio.key);
    expect(peak(toneWav)).to.be.within(500, 1000);
    expect(peak(silentWav)).to.equal(0);
    expect(silentWav.readUInt32LE(24)).to.equal(8000);
  });

  it('counts characters and audio seconds in usage', async () => {
    const { usage } = await createMockVoiceProvider().doSynthesize({ ...fixture.call, script, brief });
    expect(usage).to.deep.equal({
      characters: script.scenes[0].narration.length + script.scenes[1].narration.length,
      audioSeconds: 5.25,
    });
  });

  it('rejects with AbortedError and writes nothing when the signal has already fired', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await createMockVoiceProvider()
      .doSynthesize({ ...fixture.call, abortSignal: controller.signal, script, brief })
      .catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(AbortedError);
    expect(await fixture.artifacts.list('jobs')).to.deep.equal([]);
  });
});
