/** Limits and labels of the caption standards (one row each in the quality report). */
export const MAX_APPEAR_ERROR_SEC = 0.1;
export const MAX_LEAVE_ERROR_SEC = 0.15;
export const MAX_CAPTION_LINES = 2;
export const MIN_CAPTION_CONTRAST = 4.5;

export const CAPTION_STANDARDS = {
  appear: {
    id: 'captions.appear',
    group: 'captions' as const,
    label: 'Caption appears',
    limit: `± ${MAX_APPEAR_ERROR_SEC * 1000} ms of first word`,
  },
  leave: {
    id: 'captions.leave',
    group: 'captions' as const,
    label: 'Caption leaves',
    limit: `± ${MAX_LEAVE_ERROR_SEC * 1000} ms of last word`,
  },
  lines: {
    id: 'captions.lines',
    group: 'captions' as const,
    label: 'Caption lines',
    limit: `≤ ${MAX_CAPTION_LINES} lines, no word cut`,
  },
  safeArea: {
    id: 'captions.safe-area',
    group: 'captions' as const,
    label: 'Caption safe area',
    limit: 'inside 10 % margins',
  },
  contrast: {
    id: 'captions.contrast',
    group: 'captions' as const,
    label: 'Caption contrast',
    limit: `≥ ${MIN_CAPTION_CONTRAST}:1 text vs outline`,
  },
  font: {
    id: 'captions.font-coverage',
    group: 'captions' as const,
    label: 'Caption font coverage',
    limit: 'caption text + language letters',
  },
};
