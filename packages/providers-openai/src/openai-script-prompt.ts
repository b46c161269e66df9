import type { Brief, VisualStyle } from '@looply/core';
import { pacingWordFactor, structurePromptLines } from './openai-script-structure.js';
import { narrationTarget, speechRateFor, suggestedSceneCount, type NarrationTarget } from './speech-rate.js';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

function languageName(tag: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

const FRAMING: Record<Brief['aspectRatio'], string> = {
  '9:16': 'vertical 9:16 frame: keep the subject centred, tall compositions, nothing important near the edges',
  '16:9': 'horizontal 16:9 frame: wide compositions',
  '1:1': 'square 1:1 frame: centred compositions',
};

function unitLabel(target: NarrationTarget): string {
  return target.unit === 'words' ? 'words' : 'characters';
}

/** The instructions: length sized to the duration, language and tone, WAN-2.2-style visual prompts in the brief's style. */
export function scriptSystemPrompt(brief: Brief, style: VisualStyle): string {
  const target = narrationTarget(brief.durationSec, brief.language, pacingWordFactor(brief));
  const rate = speechRateFor(brief.language);
  const scenes = suggestedSceneCount(brief.durationSec);
  const structured = brief.template !== undefined;
  const unit = unitLabel(target);
  return [
    'You write scripts for short narrated videos. Answer with JSON that follows the given schema.',
    '',
    'Narration',
    `- Write every narration and the title in ${languageName(brief.language)} (language tag "${brief.language}"), in a ${brief.tone} tone.`,
    `- The video lasts ${brief.durationSec} seconds and is read at about ${rate.perSecond} ${unit} per second, so the narration of all scenes together must total about ${target.target} ${unit} (never fewer than ${target.minimum} nor more than ${target.maximum}). Count them before answering.`,
    structured
      ? '- Each scene is one to three spoken sentences and follows the structure below.'
      : `- Use ${scenes.suggested} scenes (between ${scenes.minimum} and ${scenes.maximum}). Each scene is one to three spoken sentences; the first hooks the viewer, the last closes the topic.`,
    '- Narration is exactly what the voice says: no stage directions, scene numbers, emojis, hashtags or URLs; write numbers and symbols the way they are spoken.',
    `- durationHintSec is each scene's share of the ${brief.durationSec} seconds, in proportion to its narration; together they add up to ${brief.durationSec}.`,
    `- language is "${brief.language}".`,
    '',
    'Visual prompts (for a text-to-video model such as WAN 2.2), written in English',
    '- positive: one paragraph that a camera could film, naming in order the subject, its action, the setting, the lighting and the camera motion. Concrete nouns, no abstractions, no on-screen text, no logos, no real people.',
    `- lighting: prefer ${style.lighting.join('; ')}.`,
    `- camera motion: prefer ${style.cameraMoves.join('; ')}.`,
    `- composition: ${FRAMING[brief.aspectRatio]}.`,
    `- end every positive prompt with: ${style.promptSuffix}`,
    `- negative: start with "${style.negativePrompt}", then add anything this scene must avoid.`,
    '- Keep the same main subject and look across scenes so the video feels like one piece.',
    ...structurePromptLines(brief),
  ].join('\n');
}

export function scriptUserPrompt(brief: Brief, style: VisualStyle): string {
  return [
    `Topic: ${brief.topic}`,
    `Tone: ${brief.tone}`,
    `Duration: ${brief.durationSec} seconds`,
    `Language: ${brief.language}`,
    `Aspect ratio: ${brief.aspectRatio}`,
    `Visual style: ${style.label}`,
    ...(brief.template ? [`Template: ${brief.template.name}`] : []),
  ].join('\n');
}

/** The follow-up sent once when the narration length misses the duration. */
export function lengthRepairPrompt(brief: Brief, measured: number): string {
  const target = narrationTarget(brief.durationSec, brief.language, pacingWordFactor(brief));
  const unit = unitLabel(target);
  const direction = measured > target.maximum ? 'too long' : 'too short';
  return [
    `The narration is ${direction}: all scenes together have ${measured} ${unit}, but a ${brief.durationSec}-second video needs about ${target.target} ${unit} (between ${target.minimum} and ${target.maximum}).`,
    `Rewrite the whole script with the same topic, language, tone and style so that the total narration has about ${target.target} ${unit}. ${
      direction === 'too long' ? 'Shorten or merge scenes.' : 'Develop each scene further or add a scene.'
    } Keep each visual prompt matching its narration${brief.template ? ', and keep the structure: the same scenes in the same roles' : ''}.`,
  ].join(' ');
}
