import type { Angle } from './template-types.js';

/** What a scene shows, by the part of the narration it carries. Prompts are English (what WAN 2.2 reads best). */
export type VisualTheme = 'hook' | 'context' | Angle | 'closing';

export interface VisualIdea {
  /** Contains `{topic}`. */
  subject: string;
  action: string;
  setting: string;
}

export const VISUAL_VOCABULARY: Record<VisualTheme, VisualIdea[]> = {
  hook: [
    {
      subject: 'a bold visual metaphor for {topic}',
      action: 'emerging dramatically into view',
      setting: 'in an iconic wide establishing scene',
    },
    {
      subject: 'a striking hero shot representing {topic}',
      action: 'revealed as the frame opens up',
      setting: 'against a vast open backdrop',
    },
  ],
  context: [
    {
      subject: 'everyday scenes connected to {topic}',
      action: 'people going about their day around it',
      setting: 'on a busy real-world street',
    },
    {
      subject: 'a collage-like scene hinting at {topic}',
      action: 'details catching the eye one after another',
      setting: 'in a bright contemporary space',
    },
  ],
  origins: [
    {
      subject: 'the early beginnings of {topic}',
      action: 'curious inventors sketching and tinkering',
      setting: 'in a vintage workshop full of old notebooks',
    },
    {
      subject: 'a historical scene about the roots of {topic}',
      action: 'hands turning the pages of an old archive',
      setting: 'in a quiet wood-panelled study',
    },
  ],
  mechanics: [
    {
      subject: 'a detailed close-up of the inner workings of {topic}',
      action: 'parts moving and fitting precisely together',
      setting: 'on a clean modern workbench',
    },
    {
      subject: 'a clear cutaway view explaining {topic}',
      action: 'layers separating to reveal the inner workings',
      setting: 'in a bright minimalist lab',
    },
  ],
  people: [
    {
      subject: 'people whose lives are shaped by {topic}',
      action: 'talking, working and smiling together',
      setting: 'in a lively community space',
    },
    {
      subject: 'a diverse group of people connected to {topic}',
      action: 'sharing a genuine moment of discovery',
      setting: 'in a warm neighbourhood café',
    },
  ],
  myths: [
    {
      subject: 'a common myth about {topic} being debunked',
      action: 'a magnifying glass revealing hidden details',
      setting: 'on a library desk covered with papers',
    },
    {
      subject: 'a puzzle about {topic} coming together',
      action: 'scattered pieces snapping into place',
      setting: 'on a tidy reading table',
    },
  ],
  challenges: [
    {
      subject: 'the obstacles surrounding {topic}',
      action: 'a lone figure climbing a steep rocky path',
      setting: 'in a rugged landscape under heavy clouds',
    },
    {
      subject: 'a tense moment of effort related to {topic}',
      action: 'a team pushing hard against the odds',
      setting: 'in a windswept industrial yard',
    },
  ],
  future: [
    {
      subject: 'the future of {topic}',
      action: 'gleaming structures rising into the sky',
      setting: 'in a futuristic city skyline at dawn',
    },
    {
      subject: 'an optimistic vision of {topic} tomorrow',
      action: 'new ideas lighting up one by one',
      setting: 'in a sleek innovation studio',
    },
  ],
  closing: [
    {
      subject: 'a hopeful closing image of {topic}',
      action: 'a person looking out toward the horizon',
      setting: 'in an open landscape at sunrise',
    },
    {
      subject: 'a calm final shot summing up {topic}',
      action: 'the scene slowly settling into stillness',
      setting: 'on a quiet hilltop with a wide view',
    },
  ],
};
