import type { Brief, Script, VisualStyle, WarningV1 } from '@looply/core';
import { fitNarration } from './narration-fitter.js';
import { planNarration } from './narrative-plan.js';
import { partitionIntoScenes } from './scene-partition.js';
import type { ScriptLanguage } from './script-language.js';
import { resolveTone, SCRIPT_TONES } from './script-tone.js';
import { hashText, SeededRandom } from './seeded-random.js';
import { ENGLISH_TEMPLATES } from './templates/english-templates.js';
import { FRENCH_TEMPLATES } from './templates/french-templates.js';
import type { LanguageTemplates } from './templates/template-types.js';
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
  const targetWords = brief.durationSec * input.wordsPerSecond;

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
    warnings.push({ type: 'other', message: `The topic is too long to say in a ${brief.durationSec} s narration; the narration says "${spokenTopic}".` });
  }

  const components = planNarration({ templates: TEMPLATES[language], tone, topic: spokenTopic, targetWords, random });
  const sentences = fitNarration(components, targetWords);
  const sceneCount = Math.max(2, Math.round(brief.durationSec / input.secondsPerScene));
  // Scenes preferably cut where a new part of the arc begins.
  const preferredStarts = sentences.map((sentence) => ['context', 'point', 'takeaway', 'call-to-action'].includes(sentence.section));
  const groups = partitionIntoScenes(
    sentences.map((sentence) => sentence.words),
    sceneCount,
    preferredStarts,
  );
  const totalWords = sentences.reduce((sum, sentence) => sum + sentence.words, 0);
  const prompts = new VisualPromptWriter(style, topicInSentence(topic), random);

  const scenes = groups.map((group, sceneIndex) => {
    const parts = group.map((index) => sentences[index]);
    const narration = parts.map((part) => part.text).join(' ');
    // The opening scene shows the hook; the others what their longest sentence talks about.
    const main = parts.find((part) => part.section === 'hook') ?? parts.reduce((longest, part) => (part.words > longest.words ? part : longest), parts[0]);
    const durationHintSec = Math.max(0.1, Math.round(((brief.durationSec * countWords(narration)) / totalWords) * 100) / 100);
    return { narration, durationHintSec, visual: prompts.promptFor(main.theme, sceneIndex) };
  });

  return { script: { title: titleFromTopic(topic), language: brief.language, scenes }, warnings };
}
