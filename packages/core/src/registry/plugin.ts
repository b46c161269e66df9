import type { ProviderRegistry } from './provider-registry.js';

/** A provider package's entry point. Nothing registers itself on import: the app calls `register`. */
export interface LooplyPlugin {
  name: string;
  register(registry: ProviderRegistry): void;
}
