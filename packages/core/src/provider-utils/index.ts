// Helpers every provider package uses, so none re-implements them (`@looply/core/provider-utils`).
export * from './load-setting.js';
export * from './retry-after.js';
