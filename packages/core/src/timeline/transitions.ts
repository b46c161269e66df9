/**
 * Transitions between scenes. The incoming scene takes over during the last `durationSec` of the
 * outgoing one, so it is fully on screen when its narration starts (cuts stay on narration
 * boundaries). `none` is a hard cut.
 */
export const TRANSITION_KINDS = ['none', 'crossfade', 'slide', 'zoom'] as const;
export type TransitionKind = (typeof TRANSITION_KINDS)[number];

/** How long a transition lasts; renderers shorten it for short scenes. */
export const TRANSITION_DURATION_SEC = 0.5;
