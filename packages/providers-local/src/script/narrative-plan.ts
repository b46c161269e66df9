import { pointNumber, type ScriptStructure } from '@looply/core';
import type { NarrationComponent } from './narration-fitter.js';
import type { ScriptTone } from './script-tone.js';
import type { SeededRandom } from './seeded-random.js';
import { ANGLES, type Angle, type LanguageTemplates, type ToneTemplates } from './templates/template-types.js';
import { listHooks, numberedOpener } from './structure-wording.js';
import { capitalise } from './topic-text.js';

export interface NarrativePlanInput {
  templates: LanguageTemplates;
  tone: ScriptTone;
  topic: string;
  targetWords: number;
  random: SeededRandom;
  /** A template's structure: its point count, numbering and whether it ends on a call to action. */
  structure?: ScriptStructure;
}

/** How many points the body makes: two for very short videos, four from about 40 seconds. */
export function pointCountFor(targetWords: number): number {
  if (targetWords < 40) return 2;
  if (targetWords < 100) return 3;
  return 4;
}

function fill(template: string, topic: string): string {
  return template.replaceAll('{Topic}', capitalise(topic)).replaceAll('{topic}', topic);
}

/**
 * Preference order for authored long-to-short wordings: the longer half in a seeded rotation
 * (variety), then the shorter ones in order, which the fitter reaches for only when time is short.
 */
function preferFuller(variants: string[], random: SeededRandom): string[] {
  const fuller = Math.ceil(variants.length / 2);
  return [...random.rotate(variants.slice(0, fuller)), ...variants.slice(fuller)];
}

function openersFor(tone: ToneTemplates, position: number, count: number): string[] {
  if (position === 0) return tone.pointOpeners.first;
  if (position === count - 1) return tone.pointOpeners.last;
  return position === 1 ? tone.pointOpeners.second : tone.pointOpeners.third;
}

/**
 * The narrative arc as sentence slots: hook → context → 2–4 points (each a statement and
 * optional details, with short bridges between them) → takeaway → call to action. Which
 * wordings, angles and details come first varies with the seeded random (the topic's hash).
 */
export function planNarration(input: NarrativePlanInput): NarrationComponent[] {
  const { templates, topic, random } = input;
  const tone = templates.tones[input.tone];
  const { structure } = input;
  const pointCount = structure ? Math.min(structure.points.count, ANGLES.length) : pointCountFor(input.targetWords);
  const numbered = structure !== undefined && structure.points.numbering !== 'none';
  const chosen = new Set(random.shuffle(ANGLES).slice(0, pointCount));
  const angles: Angle[] = ANGLES.filter((angle) => chosen.has(angle));
  const openerStyle = random.integer(2);
  const bridges = random.shuffle(tone.bridges);
  const components: NarrationComponent[] = [];

  const hooks = numbered
    ? [
        ...listHooks(templates.language, pointCount, structure?.points.numbering === 'countdown'),
        ...preferFuller(tone.hooks, random),
      ]
    : preferFuller(tone.hooks, random);
  components.push({
    section: 'hook',
    theme: 'hook',
    required: true,
    priority: 0,
    variants: hooks.map((hook) => fill(hook, topic)),
  });
  // A template's points carry the script: their first details come before the context sentence.
  const contextPriority = structure ? 16 : 0;
  components.push({
    section: 'context',
    theme: 'context',
    required: false,
    priority: contextPriority,
    variants: preferFuller(tone.contexts, random).map((text) => fill(text, topic)),
  });
  for (const [rank, text] of random.shuffle(templates.contextDetails).entries()) {
    components.push({
      section: 'context',
      theme: 'context',
      required: false,
      priority: 14 + rank * 10,
      variants: [text],
    });
  }

  for (const [position, angle] of angles.entries()) {
    const openers = openersFor(tone, position, angles.length);
    const number = structure ? pointNumber(structure, position) : undefined;
    const opener =
      number === undefined ? openers[openerStyle % openers.length] : numberedOpener(templates.language, number);
    const [long, medium, short] = templates.angles[angle].statements;
    // The medium statement reads best by default; the fitter moves to the long or short one to fit
    // the length, and a five-second teaser may drop the opener ("The origins.") unless it says the rank.
    const statements = [medium, long, short].filter((statement): statement is string => statement !== undefined);
    const variants = [
      ...statements.map((statement) => `${opener} ${statement}`),
      ...(number === undefined ? [capitalise(statements[statements.length - 1])] : []),
    ];
    components.push({ section: 'point', theme: angle, required: true, priority: 0, variants });
    for (const [rank, detail] of random.shuffle(templates.angles[angle].details).entries()) {
      components.push({
        section: 'detail',
        theme: angle,
        required: false,
        priority: 10 + rank * 10 + position,
        variants: [detail],
      });
    }
    if (position < angles.length - 1 && bridges.length > 0) {
      components.push({
        section: 'bridge',
        theme: angle,
        required: false,
        priority: 16 + position * 10,
        variants: [bridges[position % bridges.length]],
      });
    }
  }

  // With a template's call to action closing the script, the takeaway is optional like the context.
  const takeawayOptional = structure?.callToAction !== undefined;
  components.push({
    section: 'takeaway',
    theme: 'closing',
    required: !takeawayOptional,
    priority: takeawayOptional ? 17 : 0,
    variants: preferFuller(tone.takeaways, random).map((text) => fill(text, topic)),
  });
  // A template decides whether the script ends on a call to action; without one it is optional.
  if (!structure || structure.callToAction) {
    const required = structure !== undefined;
    components.push({
      section: 'call-to-action',
      theme: 'closing',
      required,
      priority: 1,
      variants: preferFuller(tone.callsToAction, random).map((text) => fill(text, topic)),
    });
  }
  return components;
}
