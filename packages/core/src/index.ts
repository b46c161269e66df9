// Domain
export * from './domain/brief.js';
export * from './domain/script.js';
export * from './domain/narration.js';
export * from './domain/scene-visual.js';

// Provider specs (v1)
export type * from './spec/shared/v1/call-options-v1.js';
export type * from './spec/shared/v1/long-running-v1.js';
export type * from './spec/shared/v1/usage-v1.js';
export type * from './spec/shared/v1/warning-v1.js';
export type * from './spec/script/v1/script-provider-v1.js';
export type * from './spec/voice/v1/voice-provider-v1.js';
export type * from './spec/visual/v1/visual-provider-v1.js';
export type * from './spec/assembly/v1/assembly-provider-v1.js';

// Registry
export * from './registry/provider-registry.js';
export type * from './registry/plugin.js';

// Errors and validation
export * from './errors/provider-error.js';
export * from './errors/looply-error.js';
export * from './errors/validation.js';

// Artifacts
export * from './artifacts/artifact-ref.js';
export type * from './artifacts/artifact-store.js';
export * from './artifacts/local-artifact-store.js';

// Styles and timeline
export * from './styles/style-catalogue.js';
export type * from './timeline/timeline.js';
