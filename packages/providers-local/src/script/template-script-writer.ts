import { PACING_WORD_FACTORS, type Brief, type Script, type VisualStyle, type WarningV1 } from '@looply/core';
import { fitNarration, type FittedSentence } from './narration-fitter.js';
import { planNarration } from './narrative-plan.js';
import { partitionIntoScenes } from './scene-partition.js';
import { groupByStructure } from './structured-scenes.js';
import type { ScriptLanguage } from './script-language.js';
import { resolveTone, SCRIPT_TONES } from './script-tone.js';
import { hashText, SeededRandom } from './seeded-random.js';
import { ENGLISH_TEMPLATES } from './templates/english-templates.js';
import { FRENCH_TEMPLATES } from './templates/french-templates.js';
import { ANGLES, type LanguageTemplates } from './templates/template-types.js';
import { VisualPromptWriter } from './visual-prompt-writer.js';
import { cleanTopic, shortenTopic, titleFromTopic, topicInSentence } from './topic-text.js';
import { countWords } from './word-count.js';

const TEMPLATES: Record<ScriptLanguage, LanguageTemplates> = { en: ENGLISH_TEMPLATES, fr: FRENCH_TEMPLATES };

export interface TemplateScriptInput {
  brief: Brief;
  style: VisualStyle;
  language: ScriptLanguage;
  wordsPerSecond: number;
  secondsPerScene: number;
}

export interface TemplateScript {
  script: Script;
  warnings: WarningV1[];
}

/**
 * Writes a script from templates only: the same brief always gives the same script, and the
 * wording, angles and visuals vary with a hash of the topic.
 */
export function writeTemplateScript(input: TemplateScriptInput): TemplateScript {
  const { brief, style, language } = input;
  const warnings: WarningV1[] = [];
  const topic = cleanTopic(brief.topic);
  const random = new SeededRandom(hashText(`${language}:${topic.toLowerCase()}`));
  const structure = brief.template?.structure;
  // A template's pacing makes the narration denser (brisk) or sparser (relaxed).
  const targetWords =
    brief.durationSec * input.wordsPerSecond * (structure ? PACING_WORD_FACTORS[structure.pacing] : 1);
  if (structure && structure.points.count > ANGLES.length) {
    warnings.push({
      type: 'unsupported-setting',
      setting: 'template.structure.points.count',
      details: `The template writer has ${ANGLES.length} angles on a topic; it wrote ${ANGLES.length} points instead of ${structure.points.count}.`,
    });
  }

  const { tone, recognised } = resolveTone(brief.tone);
  if (!recognised) {
    warnings.push({
      type: 'unsupported-setting',
      setting: 'tone',
      details: `The template writer has no wording for tone "${brief.tone}"; it used neutral wording (known tones: ${SCRIPT_TONES.join(', ')}).`,
    });
  }

  // A topic longer than about a third of the narration cannot be said in full and still fit the duration.
  const spokenTopic = shortenTopic(topicInSentence(topic), Math.max(3, Math.floor(targetWords * 0.35)), language);
  if (countWords(spokenTopic) < countWords(topic)) {
    warnings.push({
      type: 'other',
      message: `The topic is too long to say in a ${brief.durationSec} s narration; the narration says "${spokenTopic}".`,
    });
  }

  const components = planNarration({
    templates: TEMPLATES[language],
    tone,
    topic: spokenTopic,
    targetWords,
    random,
    structure,
  });
  const sentences = fitNarration(components, targetWords);
  const structured = structure ? groupByStructure(sentences, structure.callToAction !== undefined) : undefined;
  const groups =
    structured?.map((scene) => scene.sentences) ??
    partitionFreely(sentences, Math.max(2, Math.round(brief.durationSec / input.secondsPerScene)));
  const totalWords = sentences.reduce((sum, sentence) => sum + sentence.words, 0);
  const prompts = new VisualPromptWriter(style, topicInSentence(topic), random);

  const scenes = groups.map((group, sceneIndex) => {
    const parts = group.map((index) => sentences[index]);
    const narration = parts.map((part) => part.text).join(' ');
    // The opening scene shows the hook; the others what their longest sentence talks about.
    const main =
      parts.find((part) => part.section === 'hook') ??
      parts.reduce((longest, part) => (part.words > longest.words ? part : longest), parts[0]);
    const durationHintSec = Math.max(
      0.1,
      Math.round(((brief.durationSec * countWords(narration)) / totalWords) * 100) / 100,
    );
    const role = structured?.[sceneIndex].role;
    return { narration, durationHintSec, visual: prompts.promptFor(main.theme, sceneIndex), ...(role ? { role } : {}) };
  });

  return { script: { title: titleFromTopic(topic), language: brief.language, scenes }, warnings };
}

/** Without a template: scenes of even length that preferably cut where a new part of the arc begins. */
function partitionFreely(sentences: FittedSentence[], sceneCount: number): number[][] {
  const preferredStarts = sentences.map((sentence) =>
    ['context', 'point', 'takeaway', 'call-to-action'].includes(sentence.section),
  );
  return partitionIntoScenes(
    sentences.map((sentence) => sentence.words),
    sceneCount,
    preferredStarts,
  );
}
