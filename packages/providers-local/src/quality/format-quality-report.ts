import type { QualityReport, QualityStandardResult } from './quality-report.js';

const HEADERS = ['Standard', 'Result', 'Measured', 'Limit'] as const;

function verdict(standard: QualityStandardResult): string {
  return standard.passed === null ? '—' : standard.passed ? 'pass' : 'FAIL';
}

/**
 * The report as a plain-text table, one row per standard (pass / FAIL / — for not measured),
 * then the details of each failure and a one-line verdict.
 */
export function formatQualityReport(report: QualityReport): string {
  const rows = report.standards.map((standard) => [
    standard.label,
    verdict(standard),
    standard.measured,
    standard.limit,
  ]);
  const widths = HEADERS.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => [...row[column]].length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        column === cells.length - 1 ? cell : cell + ' '.repeat(widths[column] - [...cell].length),
      )
      .join('  ')
      .trimEnd();
  const output = [line(HEADERS), line(widths.map((width) => '─'.repeat(width))), ...rows.map(line)];

  const failures = report.standards.filter((standard) => standard.passed === false);
  if (failures.length > 0) {
    output.push('', 'Failed:');
    for (const standard of failures) {
      output.push(`  ${standard.label} (${standard.id}): ${standard.measured}; limit ${standard.limit}`);
      for (const detail of standard.details ?? []) output.push(`    - ${detail}`);
    }
  }
  const measured = report.standards.length - report.notMeasured.length;
  const notMeasured = report.notMeasured.length
    ? `; ${report.notMeasured.length} not measured${report.timelineUsed ? '' : ' (captions and scenes need the timeline)'}`
    : '';
  output.push(
    '',
    report.passed
      ? `PASS: ${measured} of ${measured} measured standards met${notMeasured}.`
      : `FAIL: ${failures.length} of ${measured} measured standards not met${notMeasured}.`,
  );
  return output.join('\n');
}
