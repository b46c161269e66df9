import type { VideoTemplate } from './video-template.js';

/** The templates every installation has. User templates may not take these names. */
export const BUILT_IN_TEMPLATES: readonly VideoTemplate[] = [
  {
    name: 'explainer',
    description: 'Explains one topic: a question as the hook, three key ideas, an invitation to learn more.',
    structure: {
      hook: 'Open with the question a curious viewer has about the topic',
      points: {
        count: 3,
        label: 'key idea',
        numbering: 'none',
        guidance: 'Each key idea builds on the one before, from what it is to why it matters',
      },
      callToAction: 'Invite the viewer to follow for more short explainers',
      pacing: 'steady',
    },
    presets: { tone: 'informative', durationSec: 45, aspectRatio: '9:16', style: 'modern' },
  },
  {
    name: 'listicle',
    description:
      'A "top 5" countdown: the promise of a list, five numbered items from fifth to first, a question to the viewer.',
    structure: {
      hook: 'Promise the list: the top five things to know about the topic',
      points: {
        count: 5,
        label: 'item',
        numbering: 'countdown',
        guidance: 'Say the item’s rank first; the best item comes last',
      },
      callToAction: 'Ask the viewer which item they would rank first, and to follow for more',
      pacing: 'brisk',
    },
    presets: { tone: 'enthusiastic', durationSec: 40, aspectRatio: '9:16', style: 'playful' },
  },
  {
    name: 'story',
    description:
      'A short story: a vivid opening moment, three beats (setting, turning point, outcome), a closing invitation.',
    structure: {
      hook: 'Drop the viewer into one vivid moment of the story',
      points: {
        count: 3,
        label: 'story beat',
        numbering: 'none',
        guidance: 'The beats are the setting, the turning point and the outcome, in that order',
      },
      callToAction: 'Invite the viewer to share the story with someone who would enjoy it',
      pacing: 'relaxed',
    },
    presets: { tone: 'calm', durationSec: 60, aspectRatio: '16:9', style: 'cinematic' },
  },
  {
    name: 'product-promo',
    description: 'Promotes a product: the problem it solves, three benefits, a clear next step.',
    structure: {
      hook: 'Name the everyday problem the product solves',
      points: {
        count: 3,
        label: 'benefit',
        numbering: 'none',
        guidance: 'One concrete benefit each, shown in use, no invented figures',
      },
      callToAction: 'Tell the viewer exactly what to do next: try it, visit it or get it',
      pacing: 'brisk',
    },
    presets: { tone: 'enthusiastic', durationSec: 30, aspectRatio: '9:16', style: 'minimal' },
  },
  {
    name: 'news-recap',
    description: 'Recaps a news topic: the headline, three numbered developments, where to follow the story.',
    structure: {
      hook: 'State the headline in one sentence',
      points: {
        count: 3,
        label: 'development',
        numbering: 'ascending',
        guidance: 'Facts only, most important first, no speculation',
      },
      callToAction: 'Tell the viewer to follow for updates as the story develops',
      pacing: 'steady',
    },
    presets: { tone: 'serious', durationSec: 60, aspectRatio: '16:9', style: 'documentary' },
  },
];

export const BUILT_IN_TEMPLATE_NAMES: readonly string[] = BUILT_IN_TEMPLATES.map((template) => template.name);

export function findBuiltInTemplate(name: string): VideoTemplate | undefined {
  return BUILT_IN_TEMPLATES.find((template) => template.name === name);
}
