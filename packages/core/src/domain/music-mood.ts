/** Moods of the generated background music. */
export const MUSIC_MOODS = ['calm', 'upbeat', 'dramatic', 'playful'] as const;
export type MusicMood = (typeof MUSIC_MOODS)[number];

/** Tone words that pick a mood when the brief asks for `auto` music (first match wins). */
const TONE_MOODS: ReadonlyArray<[RegExp, MusicMood]> = [
  [/dramat|epic|serious|urgent|intense|suspens|dark|mysteri|tense/i, 'dramatic'],
  [/playful|fun|humor|humour|silly|quirky|whimsical|kids|cheeky/i, 'playful'],
  [/enthusias|excit|energ|upbeat|happy|inspir|motivat|bold|confident|hype|joy/i, 'upbeat'],
  [/calm|relax|soft|gentle|serene|peace|warm|informative|neutral|reflective|educational/i, 'calm'],
];

/** The mood `auto` resolves to: from the tone's words, else the style's own mood. */
export function musicMoodForTone(tone: string, styleMood: MusicMood): MusicMood {
  for (const [pattern, mood] of TONE_MOODS) if (pattern.test(tone)) return mood;
  return styleMood;
}
