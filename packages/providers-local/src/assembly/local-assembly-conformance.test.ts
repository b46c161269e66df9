import { testAssemblyProvider } from '@looply/core/testing';
import { createRenderInputs } from './__fixtures__/render-inputs.js';
import { resolveFfprobePath } from './ffmpeg-binaries.js';
import { createLocalAssemblyProvider } from './local-assembly-provider.js';
import { probeMedia } from './probe-media.js';

/** Set by the error case: the next conformance timeline points at a picture ffmpeg cannot decode. */
let breakNextTimeline = false;

testAssemblyProvider({
  title: 'local assembly provider conformance',
  createProvider: () => createLocalAssemblyProvider(),
  createTimeline: async (artifacts) => {
    const { timeline } = await createRenderInputs(artifacts, {
      aspectRatio: '9:16',
      sceneTexts: ['Conformance check.', 'Short.'],
      prefix: 'conformance',
    });
    if (!breakNextTimeline) return timeline;
    breakNextTimeline = false;
    const broken = await artifacts.put('conformance/broken.png', Buffer.from('not a picture'), {
      contentType: 'image/png',
    });
    return { ...timeline, visuals: timeline.visuals.map((clip) => ({ ...clip, artifact: broken })) };
  },
  errorCases: [
    {
      name: 'an input ffmpeg cannot decode',
      arrange: () => {
        breakNextTimeline = true;
      },
      expect: { retryable: false, messageIncludes: 'ffmpeg exited with code' },
    },
  ],
  inspectVideo: async ({ artifact, artifacts }) => {
    const probed = await probeMedia({
      ffprobePath: resolveFfprobePath(),
      file: await artifacts.localPath(artifact.key),
      provider: 'test',
    });
    const video = probed.streams.find((stream) => stream.type === 'video');
    return { width: video?.width ?? 0, height: video?.height ?? 0, durationSec: probed.durationSec ?? 0 };
  },
  timeoutMs: 90_000,
});
