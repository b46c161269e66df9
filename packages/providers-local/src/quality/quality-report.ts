import type { QualityReport, QualityStandardResult } from '@looply/core';

// The report's shape is declared once, in core (its zod schema): jobs store it and the REST API serves it.
export { STANDARD_GROUPS, type QualityReport, type QualityStandardResult, type StandardGroup } from '@looply/core';

/** Assembles the report: passes only when every measured standard passed. */
export function qualityReport(file: string, standards: QualityStandardResult[], timelineUsed: boolean): QualityReport {
  const failed = standards.filter((standard) => standard.passed === false).map((standard) => standard.id);
  const notMeasured = standards.filter((standard) => standard.passed === null).map((standard) => standard.id);
  return { file, passed: failed.length === 0, timelineUsed, standards, failed, notMeasured };
}

/** A standard that could not be measured, with the reason in place of a figure. */
export function notMeasured(
  standard: Pick<QualityStandardResult, 'id' | 'group' | 'label' | 'limit'>,
  reason: string,
): QualityStandardResult {
  return { ...standard, passed: null, measured: `not measured: ${reason}` };
}
