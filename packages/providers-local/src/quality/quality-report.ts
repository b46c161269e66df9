/** The four families of output standards (docs/decisions/0008-quality-measurement.md). */
export const STANDARD_GROUPS = ['container', 'loudness', 'picture', 'captions'] as const;
export type StandardGroup = (typeof STANDARD_GROUPS)[number];

/** One output standard, measured on one video. */
export interface QualityStandardResult {
  /** Stable id, e.g. `loudness.integrated`. */
  id: string;
  group: StandardGroup;
  /** Human label, e.g. `Integrated loudness`. */
  label: string;
  /** True: meets the standard; false: does not; null: not measured (neither pass nor fail). */
  passed: boolean | null;
  /** The measured figure with its unit, as text, e.g. `-14.2 LUFS`; why not, when not measured. */
  measured: string;
  /** What the standard asks, e.g. `-14 ± 1 LUFS`. */
  limit: string;
  /** The main figure as a number, for machines (unit in `unit`). */
  value?: number;
  unit?: string;
  /** What failed and where (times in seconds), or how the figure was obtained. */
  details?: string[];
}

export interface QualityReport {
  /** The measured file, as given. */
  file: string;
  /** True when every measured standard passed (not-measured ones do not count). */
  passed: boolean;
  /** Whether a Timeline was available (caption and scene standards need it). */
  timelineUsed: boolean;
  standards: QualityStandardResult[];
  /** Ids of the standards that failed. */
  failed: string[];
  /** Ids of the standards that could not be measured. */
  notMeasured: string[];
}

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
