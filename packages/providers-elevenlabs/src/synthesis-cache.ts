import { createHash } from 'node:crypto';
import type { ArtifactStore } from '@looply/core';
import { z } from 'zod';
import { characterAlignmentSchema } from './elevenlabs-api-types.js';

/** One synthesised clip: its raw PCM and what ElevenLabs said about it. */
export interface SynthesisedClip {
  pcm: Buffer;
  alignment?: z.infer<typeof characterAlignmentSchema> | null;
  normalizedAlignment?: z.infer<typeof characterAlignmentSchema> | null;
  /** Characters billed (`character-cost` header, else the text length). */
  characters: number;
  requestId?: string;
}

const clipMetadataSchema = z.object({
  alignment: characterAlignmentSchema.nullish(),
  normalizedAlignment: characterAlignmentSchema.nullish(),
  characters: z.number().int().min(0),
  requestId: z.string().optional(),
});

/**
 * ElevenLabs has no idempotency key, so every clip a call paid for is kept in the artifact store
 * under the call's prefix, keyed by a hash of the exact request. When the runner retries the
 * step (say a later clip hit a 429), clips already paid for are read back instead of bought again.
 */
export class SynthesisCache {
  constructor(
    private readonly artifacts: ArtifactStore,
    private readonly prefix: string,
  ) {}

  /** A stable key for everything that shapes the audio. */
  static keyOf(request: unknown): string {
    return createHash('sha256').update(JSON.stringify(request)).digest('hex').slice(0, 32);
  }

  private keys(key: string) {
    const base = `${this.prefix.replace(/\/+$/, '')}/elevenlabs-clips/${key}`;
    return { audio: `${base}.pcm`, metadata: `${base}.json` };
  }

  async read(key: string): Promise<SynthesisedClip | undefined> {
    const keys = this.keys(key);
    try {
      if (!(await this.artifacts.exists(keys.metadata))) return undefined;
      const metadata = clipMetadataSchema.safeParse(
        JSON.parse((await this.artifacts.get(keys.metadata)).toString('utf8')),
      );
      if (!metadata.success) return undefined;
      return { ...metadata.data, pcm: await this.artifacts.get(keys.audio) };
    } catch {
      // A damaged entry is a miss: the clip is bought again.
      return undefined;
    }
  }

  /** Audio first, metadata last: the metadata file marks a complete entry. */
  async write(key: string, clip: SynthesisedClip): Promise<void> {
    const keys = this.keys(key);
    await this.artifacts.put(keys.audio, clip.pcm, { contentType: 'application/octet-stream' });
    const { pcm: _pcm, ...metadata } = clip;
    await this.artifacts.put(keys.metadata, Buffer.from(JSON.stringify(metadata)), { contentType: 'application/json' });
  }
}
