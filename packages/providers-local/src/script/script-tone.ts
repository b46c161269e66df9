export const SCRIPT_TONES = ['neutral', 'enthusiastic', 'calm', 'serious', 'funny', 'informative'] as const;
export type ScriptTone = (typeof SCRIPT_TONES)[number];

// Words (English and French, without accents) that select a tone; the first match in the brief's tone wins.
const TONE_WORDS: Record<Exclude<ScriptTone, 'neutral'>, string[]> = {
  enthusiastic: [
    'enthusiastic',
    'excited',
    'exciting',
    'energetic',
    'upbeat',
    'hype',
    'hyped',
    'passionate',
    'enthousiaste',
    'energique',
    'dynamique',
    'passionne',
    'enjoue',
  ],
  calm: [
    'calm',
    'relaxed',
    'relaxing',
    'soothing',
    'gentle',
    'peaceful',
    'chill',
    'serene',
    'calme',
    'apaisant',
    'apaise',
    'doux',
    'serein',
    'pose',
    'zen',
  ],
  serious: [
    'serious',
    'formal',
    'professional',
    'grave',
    'sober',
    'solemn',
    'authoritative',
    'serieux',
    'formel',
    'professionnel',
    'solennel',
    'sobre',
  ],
  funny: [
    'funny',
    'humorous',
    'humor',
    'humour',
    'playful',
    'witty',
    'comedic',
    'comic',
    'silly',
    'lighthearted',
    'drole',
    'humoristique',
    'amusant',
    'ludique',
    'decale',
    'marrant',
  ],
  informative: [
    'informative',
    'educational',
    'factual',
    'explanatory',
    'instructive',
    'didactic',
    'informatif',
    'instructif',
    'pedagogique',
    'educatif',
    'factuel',
  ],
};

export interface ResolvedTone {
  tone: ScriptTone;
  /** False when nothing in the brief's tone was recognised and neutral wording is used. */
  recognised: boolean;
}

/** Reads a free-text tone ("enthusiastic", "calme et posé", "light-hearted") into one of the template tones. */
export function resolveTone(tone: string): ResolvedTone {
  const words = tone
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/-/g, '')
    .split(/[^a-z]+/)
    .filter(Boolean);
  for (const word of words) {
    if (word === 'neutral' || word === 'neutre') return { tone: 'neutral', recognised: true };
    for (const [candidate, synonyms] of Object.entries(TONE_WORDS)) {
      if (synonyms.includes(word)) return { tone: candidate as ScriptTone, recognised: true };
    }
  }
  return { tone: 'neutral', recognised: false };
}
