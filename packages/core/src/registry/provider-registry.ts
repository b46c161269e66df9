import type { StepKind } from '../domain/brief.js';
import { LooplyError } from '../errors/looply-error.js';
import type { AssemblyProviderV1 } from '../spec/assembly/v1/assembly-provider-v1.js';
import type { ScriptProviderV1 } from '../spec/script/v1/script-provider-v1.js';
import type { VisualProviderV1 } from '../spec/visual/v1/visual-provider-v1.js';
import type { VoiceProviderV1 } from '../spec/voice/v1/voice-provider-v1.js';
import type { LooplyPlugin } from './plugin.js';

export interface ProvidersByKind {
  script: ScriptProviderV1;
  voice: VoiceProviderV1;
  visual: VisualProviderV1;
  assembly: AssemblyProviderV1;
}

export type AnyProvider = ProvidersByKind[StepKind];

/** Providers by step kind and id. Registering an id twice throws; an unknown id lists what exists. */
export class ProviderRegistry {
  private readonly providers: { [K in StepKind]: Map<string, ProvidersByKind[K]> } = {
    script: new Map(),
    voice: new Map(),
    visual: new Map(),
    assembly: new Map(),
  };

  register<K extends StepKind>(provider: ProvidersByKind[K] & { kind: K }): this {
    const byId = this.providers[provider.kind] as Map<string, ProvidersByKind[K]>;
    if (!byId) throw new LooplyError('invalid-provider', `Unknown provider kind "${String(provider.kind)}"`);
    if (byId.has(provider.provider)) {
      throw new LooplyError(
        'duplicate-provider',
        `A ${provider.kind} provider "${provider.provider}" is already registered`,
      );
    }
    byId.set(provider.provider, provider);
    return this;
  }

  use(plugin: LooplyPlugin): this {
    plugin.register(this);
    return this;
  }

  get<K extends StepKind>(kind: K, id: string): ProvidersByKind[K] {
    const provider = this.providers[kind].get(id) as ProvidersByKind[K] | undefined;
    if (!provider) {
      const known = this.ids(kind);
      throw new LooplyError(
        'provider-not-registered',
        `No ${kind} provider "${id}" is registered; registered ${kind} providers: ${known.length ? known.join(', ') : '(none)'}`,
      );
    }
    return provider;
  }

  has(kind: StepKind, id: string): boolean {
    return this.providers[kind].has(id);
  }

  ids(kind: StepKind): string[] {
    return [...this.providers[kind].keys()].sort();
  }
}
