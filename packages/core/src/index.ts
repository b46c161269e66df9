// Domain
export * from './domain/brief.js';
export * from './domain/script.js';
export * from './domain/narration.js';
export * from './domain/scene-visual.js';
export * from './domain/music-mood.js';

// Provider specs (v1)
export type * from './spec/shared/v1/call-options-v1.js';
export type * from './spec/shared/v1/long-running-v1.js';
export * from './spec/shared/v1/usage-v1.js';
export type * from './spec/shared/v1/warning-v1.js';
export type * from './spec/script/v1/script-provider-v1.js';
export type * from './spec/voice/v1/voice-provider-v1.js';
export type * from './spec/visual/v1/visual-provider-v1.js';
export type * from './spec/assembly/v1/assembly-provider-v1.js';

// Registry
export * from './registry/provider-registry.js';
export type * from './registry/plugin.js';
export * from './registry/define-plugin.js';

// Errors and validation
export * from './errors/provider-error.js';
export * from './errors/looply-error.js';
export * from './errors/validation.js';

// Artifacts
export * from './artifacts/artifact-ref.js';
export * from './artifacts/artifact-store.js';
export * from './artifacts/artifact-missing-error.js';
export * from './artifacts/artifact-key.js';
export * from './artifacts/local-artifact-store.js';
export * from './artifacts/signed-artifact-url.js';
export * from './artifacts/signed-artifact-server.js';

// Audio
export * from './audio/wav.js';

// Styles and timeline
export * from './styles/style-catalogue.js';
export type * from './timeline/timeline.js';
export * from './timeline/build-timeline.js';
export * from './timeline/captions.js';
export * from './timeline/caption-style.js';
export * from './timeline/caption-presets.js';
export * from './timeline/transitions.js';
export * from './timeline/ken-burns.js';
export * from './timeline/timeline-schema.js';

// Database (embedded Postgres by default)
export * from './database/embedded-postgres.js';
export type * from './database/embedded-postgres-logger.js';
export * from './database/resolve-database.js';

// Engine (runner on pg-boss, state in Postgres through MikroORM)
export * from './engine/create-engine.js';
export type * from './engine/engine.js';
export type * from './engine/engine-options.js';
export type * from './engine/job-view.js';
export * from './engine/migrate.js';
export * from './engine/quiet-logger.js';
export * from './persistence/job-status.js';
export * from './persistence/job-columns.js';
export * from './persistence/database-schema-name.js';
export * from './persistence/video-job-entity.js';
export * from './persistence/step-run-entity.js';
export * from './persistence/raw-sql.js';
export { applyMigrations, runMigrations } from './persistence/run-migrations.js';
export * from './persistence/startup-lock.js';
export * from './events/job-event.js';
export * from './events/typed-event-emitter.js';
export * from './events/follow-job.js';
export * from './runner/job-progress.js';

// Templates (script structure and brief presets)
export * from './templates/script-structure.js';
export * from './templates/video-template.js';
export * from './templates/built-in-templates.js';
export * from './templates/resolve-brief-template.js';

// Metrics (Prometheus, prom-client)
export * from './metrics/engine-metrics.js';

// Output check (the quality report of a finished video; the measuring is injected)
export * from './quality/quality-report.js';
export * from './quality/output-check.js';
