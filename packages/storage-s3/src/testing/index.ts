// A real S3-protocol server for tests: startS3rver()
export * from './s3rver-server.js';
