import { expect } from 'chai';
import { S3LocationError, s3SettingsFromLocation } from './artifacts-location.js';

describe('s3SettingsFromLocation', () => {
  it('reads bucket and prefix from the URL and endpoint, region and keys from the AWS variables', () => {
    const settings = s3SettingsFromLocation('s3://videos/looply/prod', {
      AWS_ACCESS_KEY_ID: 'id',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_REGION: 'eu-west-3',
      AWS_ENDPOINT_URL: 'http://minio:9000',
    });
    expect(settings).to.deep.equal({
      bucket: 'videos',
      prefix: 'looply/prod',
      region: 'eu-west-3',
      endpoint: 'http://minio:9000',
      forcePathStyle: true,
      credentials: { accessKeyId: 'id', secretAccessKey: 'secret' },
    });
  });

  it('prefers AWS_ENDPOINT_URL_S3, honours LOOPLY_S3_FORCE_PATH_STYLE and leaves credentials to the SDK chain when unset', () => {
    const settings = s3SettingsFromLocation('s3://videos', {
      AWS_ENDPOINT_URL: 'http://other:1',
      AWS_ENDPOINT_URL_S3: 'https://storage.googleapis.com',
      LOOPLY_S3_FORCE_PATH_STYLE: 'false',
    });
    expect(settings).to.deep.equal({
      bucket: 'videos',
      prefix: '',
      region: 'us-east-1',
      endpoint: 'https://storage.googleapis.com',
      forcePathStyle: false,
    });
    expect(s3SettingsFromLocation('s3://videos/', {}).forcePathStyle).to.equal(false);
  });

  it('names what is wrong: a malformed location, a bad endpoint, half a key pair', () => {
    expect(() => s3SettingsFromLocation('s3:/videos', {})).to.throw(S3LocationError, 's3://bucket/prefix');
    expect(() => s3SettingsFromLocation('s3://videos', { AWS_ENDPOINT_URL: 'ftp://x' })).to.throw(
      S3LocationError,
      'AWS_ENDPOINT_URL',
    );
    expect(() => s3SettingsFromLocation('s3://videos', { AWS_ACCESS_KEY_ID: 'id' })).to.throw(
      S3LocationError,
      'AWS_SECRET_ACCESS_KEY',
    );
  });
});
