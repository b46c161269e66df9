import { expect } from 'chai';
import { formatQualityReport } from './format-quality-report.js';
import { qualityReport } from './quality-report.js';

describe('formatQualityReport', () => {
  const standards = [
    {
      id: 'loudness.integrated',
      group: 'loudness' as const,
      label: 'Integrated loudness',
      passed: false,
      measured: '-23.1 LUFS',
      limit: '-14 ± 1 LUFS',
      details: ['loudness range 2.0 LU'],
    },
    {
      id: 'picture.black',
      group: 'picture' as const,
      label: 'Black segments',
      passed: true,
      measured: 'none',
      limit: 'none > 0.5 s',
    },
    {
      id: 'captions.appear',
      group: 'captions' as const,
      label: 'Caption appears',
      passed: null,
      measured: 'not measured: no timeline',
      limit: '± 100 ms of first word',
    },
  ];

  it('prints one aligned row per standard, pass / FAIL / — , then the failures with their details', () => {
    const text = formatQualityReport(qualityReport('video.mp4', standards, false));
    const lines = text.split('\n');
    expect(lines[0]).to.match(/^Standard\s+Result\s+Measured\s+Limit$/);
    expect(lines[2]).to.match(/^Integrated loudness\s+FAIL\s+-23\.1 LUFS\s+-14 ± 1 LUFS$/);
    expect(lines[3]).to.match(/^Black segments\s+pass\s+none\s+none > 0\.5 s$/);
    expect(lines[4]).to.match(/^Caption appears\s+—\s+not measured: no timeline\s+± 100 ms of first word$/);
    expect(lines[2].indexOf('-23.1')).to.equal(lines[3].indexOf('none'));
    expect(text).to.include(
      '  Integrated loudness (loudness.integrated): -23.1 LUFS; limit -14 ± 1 LUFS\n    - loudness range 2.0 LU',
    );
    expect(lines.at(-1)).to.equal(
      'FAIL: 1 of 2 measured standards not met; 1 not measured (captions and scenes need the timeline).',
    );
  });

  it('ends with PASS when every measured standard passed', () => {
    const text = formatQualityReport(qualityReport('video.mp4', standards.slice(1, 2), true));
    expect(text.split('\n').at(-1)).to.equal('PASS: 1 of 1 measured standards met.');
  });
});
