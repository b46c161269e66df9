import type { ScriptLanguage } from '../script-language.js';
import type { ScriptTone } from '../script-tone.js';

/** The angles a point can take; the writer picks 2–4 and keeps them in this order. */
export const ANGLES = ['origins', 'mechanics', 'people', 'myths', 'challenges', 'future'] as const;
export type Angle = (typeof ANGLES)[number];

/**
 * Placeholders: `{topic}` inserts the topic as written, `{Topic}` capitalised (sentence start).
 * French templates only place the topic after a colon, so no article or elision depends on its gender.
 */
export interface ToneTemplates {
  /** Opening lines, each naming the topic; long ones first, very short ones last. */
  hooks: string[];
  /** Why the topic matters, in the tone's voice. */
  contexts: string[];
  /** Point openers by position; the statement follows, e.g. "First," + "look at where it all began." */
  pointOpeners: { first: string[]; second: string[]; third: string[]; last: string[] };
  /** Short asides between two points. */
  bridges: string[];
  /** Closing thought. */
  takeaways: string[];
  callsToAction: string[];
}

export interface AngleTemplates {
  /** Completes a point opener; starts lower case, long ones first, the shortest last. */
  statements: string[];
  /** Stand-alone sentences that develop the point, added to fill longer videos. */
  details: string[];
}

export interface LanguageTemplates {
  language: ScriptLanguage;
  tones: Record<ScriptTone, ToneTemplates>;
  angles: Record<Angle, AngleTemplates>;
  /** Neutral sentences that widen the context in longer videos. */
  contextDetails: string[];
}
