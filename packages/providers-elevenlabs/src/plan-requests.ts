import { splitNarration } from './split-narration.js';

/** How much surrounding narration goes into `previous_text` / `next_text` for prosody. */
const STITCHING_CONTEXT_CHARACTERS = 500;

/** One request: a scene, or a sentence-aligned part of a long scene. */
export interface ClipRequest {
  sceneIndex: number;
  text: string;
  previousText?: string;
  nextText?: string;
}

/** Splits each scene within the character limit and attaches the neighbouring text for stitching. */
export function planRequests(sceneNarrations: string[], maxCharacters: number, language: string): ClipRequest[] {
  const parts = sceneNarrations.flatMap((narration, sceneIndex) =>
    splitNarration(narration, maxCharacters, language).map((text) => ({ sceneIndex, text })),
  );
  return parts.map((part, index) => {
    const before = parts
      .slice(0, index)
      .map((previous) => previous.text)
      .join(' ');
    const after = parts
      .slice(index + 1)
      .map((next) => next.text)
      .join(' ');
    const previousText = lastWords(before, STITCHING_CONTEXT_CHARACTERS);
    const nextText = firstWords(after, STITCHING_CONTEXT_CHARACTERS);
    return { ...part, ...(previousText ? { previousText } : {}), ...(nextText ? { nextText } : {}) };
  });
}

function lastWords(text: string, maxCharacters: number): string {
  if (text.length <= maxCharacters) return text.trim();
  const tail = text.slice(text.length - maxCharacters);
  const space = tail.search(/\s/);
  return (space >= 0 ? tail.slice(space) : tail).trim();
}

function firstWords(text: string, maxCharacters: number): string {
  if (text.length <= maxCharacters) return text.trim();
  const head = text.slice(0, maxCharacters + 1);
  const space = head.search(/\s\S*$/);
  return (space > 0 ? head.slice(0, space) : head.slice(0, maxCharacters)).trim();
}
