import {
  ProviderRegistry,
  STEP_KINDS,
  type AssemblyCallOptionsV1,
  type AssemblyProviderV1,
  type ArtifactStore,
  type Timeline,
} from '@looply/core';
import { parseQualityTimeline, type QualityTimeline } from './quality-timeline.js';

/** Name of the recorded timeline, beside the video in the assembly step's artifact folder. */
export const TIMELINE_ARTIFACT_NAME = 'timeline.json';

/** Where `recordTimeline` keeps a job's timeline (the runner's assembly prefix is `jobs/<id>/assembly`). */
export function timelineArtifactKey(jobId: string): string {
  return `jobs/${jobId}/assembly/${TIMELINE_ARTIFACT_NAME}`;
}

async function storeTimeline(options: AssemblyCallOptionsV1): Promise<void> {
  const json = JSON.stringify(options.timeline satisfies Timeline);
  await options.artifacts.put(`${options.artifactPrefix}/${TIMELINE_ARTIFACT_NAME}`, Buffer.from(json, 'utf8'), {
    contentType: 'application/json',
  });
}

/**
 * Wraps an assembly provider so the Timeline it renders is kept as an artifact
 * (`<artifactPrefix>/timeline.json`) before rendering starts: `looply check` measures captions
 * and scenes against it later. Works for short and long-running assemblers alike.
 */
export function recordTimeline(provider: AssemblyProviderV1): AssemblyProviderV1 {
  const identity = {
    specificationVersion: provider.specificationVersion,
    kind: provider.kind,
    provider: provider.provider,
  } as const;
  if (provider.mode === 'short') {
    return {
      ...identity,
      mode: 'short',
      doGenerate: async (options) => {
        await storeTimeline(options);
        return provider.doGenerate(options);
      },
    };
  }
  return {
    ...identity,
    mode: 'long-running',
    doStart: async (options) => {
      await storeTimeline(options);
      return provider.doStart(options);
    },
    doStatus: (options) => provider.doStatus(options),
    ...(provider.parseWebhook ? { parseWebhook: (request) => provider.parseWebhook!(request) } : {}),
    ...(provider.doCancel ? { doCancel: (options) => provider.doCancel!(options) } : {}),
  };
}

/** A copy of the registry whose assembly providers record their timelines (`recordTimeline`). */
export function recordTimelines(registry: ProviderRegistry): ProviderRegistry {
  const recording = new ProviderRegistry();
  for (const kind of STEP_KINDS) {
    for (const id of registry.ids(kind)) {
      const provider = registry.get(kind, id);
      recording.register(provider.kind === 'assembly' ? recordTimeline(provider) : provider);
    }
  }
  return recording;
}

/** The timeline recorded for a job, or undefined when none was (another assembler, an older job). */
export async function readRecordedTimeline(
  artifacts: ArtifactStore,
  jobId: string,
): Promise<QualityTimeline | undefined> {
  const key = timelineArtifactKey(jobId);
  if (!(await artifacts.exists(key))) return undefined;
  return parseQualityTimeline(JSON.parse((await artifacts.get(key)).toString('utf8')), `the recorded timeline ${key}`);
}
