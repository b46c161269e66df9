export * from './s3-artifact-store.js';
export * from './s3-storage-settings.js';
export * from './s3-storage-error.js';
export * from './s3-client-factory.js';
export * from './artifacts-location.js';
