/**
 * The fake's "model": writes a script of the length, scene count and scene roles the prompt asks
 * for ("about N words", "Use N scenes", "scene 1, role \"hook\""), as a compliant model would;
 * a scene without a role gets `null`, as strict structured outputs answer an optional field. Deterministic.
 */
const SENTENCE_WORDS = (
  'here is something worth knowing about TOPIC and why it matters more than most people think ' +
  'it started small yet today it shapes how we live work and play every single day ' +
  'experts keep finding new reasons to pay attention and the best part is that anyone can join in ' +
  'so take a closer look because the next chapter of TOPIC is being written right now'
).split(' ');

export interface FakeScriptRequest {
  topic: string;
  words: number;
  scenes: number;
  language: string;
  durationSec: number;
  /** Scene roles by position, when the prompt gives a structure. */
  roles: string[];
}

function firstNumber(text: string, pattern: RegExp): number | undefined {
  const match = pattern.exec(text);
  return match ? Number(match[1]) : undefined;
}

/** Reads what the prompt asks for; the last "about N words" wins, so a repair request is honoured. */
export function readScriptRequest(messages: Array<{ role?: string; content?: unknown }>): FakeScriptRequest {
  const text = messages.map((message) => (typeof message.content === 'string' ? message.content : '')).join('\n');
  const wordTargets = [...text.matchAll(/about (\d+) (?:words|characters)/g)].map((match) => Number(match[1]));
  return {
    topic: /^Topic: (.+)$/m.exec(text)?.[1]?.trim() ?? 'the topic',
    words: wordTargets.at(-1) ?? 25,
    scenes: firstNumber(text, /Use (\d+) scenes/) ?? 2,
    language: /^Language: (\S+)$/m.exec(text)?.[1] ?? 'en',
    durationSec: firstNumber(text, /^Duration: (\d+) seconds$/m) ?? 10,
    roles: readRoles(text),
  };
}

/** "- scene 1, role \"hook\"" and "- scenes 2–6, role \"point\"" lines, as roles by position. */
function readRoles(text: string): string[] {
  const roles: string[] = [];
  for (const match of text.matchAll(/^- scenes? (\d+)(?:–(\d+))?, role "([a-z-]+)"/gm)) {
    const first = Number(match[1]);
    const last = match[2] ? Number(match[2]) : first;
    for (let scene = first; scene <= last; scene++) roles[scene - 1] = match[3];
  }
  return roles;
}

export interface FakeScript {
  title: string;
  language: string;
  scenes: Array<{
    narration: string;
    durationHintSec: number;
    visual: { positive: string; negative: string };
    role: string | null;
  }>;
}

export function writeFakeScript(request: FakeScriptRequest): FakeScript {
  const topicWords = request.topic.split(/\s+/).filter(Boolean);
  const bank = SENTENCE_WORDS.flatMap((word) => (word === 'TOPIC' ? topicWords : [word]));
  const sceneCount = Math.max(1, Math.min(request.scenes, request.words));
  const scenes: FakeScript['scenes'] = [];
  let cursor = 0;
  for (let scene = 0; scene < sceneCount; scene++) {
    const count = Math.floor(request.words / sceneCount) + (scene < request.words % sceneCount ? 1 : 0);
    const words = Array.from({ length: count }, (_, index) => bank[(cursor + index) % bank.length]);
    cursor += count;
    const sentence = words.join(' ');
    scenes.push({
      narration: `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`,
      durationHintSec: Math.round((request.durationSec / sceneCount) * 10) / 10,
      visual: {
        positive: `A close view of ${request.topic}, scene ${scene + 1}, slowly turning in a bright studio, soft daylight, slow dolly in`,
        negative: 'blurry, low quality, text, watermark',
      },
      role: request.roles[scene] ?? null,
    });
  }
  return { title: `All about ${request.topic}`.slice(0, 200), language: request.language, scenes };
}
