import type { VisualTheme } from './templates/visual-vocabulary.js';
import { countWords } from './word-count.js';

export type NarrationSection = 'hook' | 'context' | 'point' | 'detail' | 'bridge' | 'takeaway' | 'call-to-action';

/** One sentence slot of the narration, with its alternative wordings. */
export interface NarrationComponent {
  section: NarrationSection;
  /** What the scene carrying this sentence should show. */
  theme: VisualTheme;
  /** Alternative wordings, most preferred first. */
  variants: string[];
  /** Required slots always say something; optional ones are added only when the length calls for them. */
  required: boolean;
  /** Optional slots are considered in ascending priority. */
  priority: number;
}

export interface FittedSentence {
  text: string;
  words: number;
  section: NarrationSection;
  theme: VisualTheme;
}

const ABSENT = -1;

interface Change {
  index: number;
  choice: number;
  /** The narration's word count after the change. */
  total: number;
}

/**
 * Chooses a wording for every required slot and which optional slots to include so the
 * narration's word count lands as close to `targetWords` as the templates allow, keeping the
 * slots' order. Deterministic: the same components and target give the same sentences.
 */
export function fitNarration(components: NarrationComponent[], targetWords: number): FittedSentence[] {
  for (const [index, component] of components.entries()) {
    if (component.variants.length === 0)
      throw new Error(`fitNarration: component ${index} (${component.section}) has no wording`);
  }
  const wordCounts = components.map((component) => component.variants.map(countWords));
  const choices: number[] = components.map((component) => (component.required ? 0 : ABSENT));
  const wordsOf = (index: number, choice: number) => (choice === ABSENT ? 0 : wordCounts[index][choice]);
  let total = choices.reduce((sum, choice, index) => sum + wordsOf(index, choice), 0);
  const error = (words: number) => Math.abs(words - targetWords);

  // Every other wording of a slot (or leaving an optional slot out), with the word count it changes by.
  const alternatives = (index: number) => {
    const component = components[index];
    const options = component.required
      ? component.variants.map((_, choice) => choice)
      : [ABSENT, ...component.variants.map((_, choice) => choice)];
    return options
      .filter((choice) => choice !== choices[index])
      .map((choice) => ({ choice, delta: wordsOf(index, choice) - wordsOf(index, choices[index]) }));
  };

  // The single change (one slot, one wording) that brings the total closest to the target, if it helps.
  const bestChange = (allowed: (index: number) => boolean) => {
    let best: Change | undefined;
    for (let index = 0; index < components.length; index++) {
      if (!allowed(index)) continue;
      for (const { choice, delta } of alternatives(index)) {
        if (error(total + delta) < error(best?.total ?? total)) best = { index, choice, total: total + delta };
      }
    }
    return best;
  };

  // The pair of changes that brings the total closest to the target, if it helps.
  const bestPairChange = () => {
    let best: { first: Change; second: Change } | undefined;
    const options = components.map((_, index) => alternatives(index));
    for (let first = 0; first < components.length; first++) {
      for (let second = first + 1; second < components.length; second++) {
        for (const one of options[first]) {
          for (const other of options[second]) {
            const candidate = total + one.delta + other.delta;
            if (error(candidate) < error(best?.second.total ?? total)) {
              best = {
                first: { index: first, choice: one.choice, total: total + one.delta },
                second: { index: second, choice: other.choice, total: candidate },
              };
            }
          }
        }
      }
    }
    return best;
  };

  const apply = (change: Change) => {
    choices[change.index] = change.choice;
    total = change.total;
  };

  // Close enough: beyond this, chasing the exact count would trade good wordings for terse ones.
  const tolerance = Math.max(1, targetWords * 0.05);

  // 1. Too long already: shorten required slots.
  while (total > targetWords + tolerance) {
    const change = bestChange((index) => components[index].required);
    if (!change) break;
    apply(change);
  }

  // 2. Add optional slots in priority order, each with its first wording that gets closer.
  const optional = components
    .map((component, index) => ({ component, index }))
    .filter(({ component }) => !component.required)
    .sort((left, right) => left.component.priority - right.component.priority || left.index - right.index);
  for (const { index } of optional) {
    const choice = wordCounts[index].findIndex((words) => error(total + words) < error(total));
    if (choice !== ABSENT) apply({ index, choice, total: total + wordCounts[index][choice] });
  }

  // 3. Polish, while outside the tolerance: any single change that gets closer, then any pair
  // of changes (a longer hook with a shorter takeaway, say) when no single change helps. Each
  // step strictly reduces the error, so this terminates; the pass bound only caps the work.
  for (let pass = 0; pass < components.length * 4 && error(total) > tolerance; pass++) {
    const change = bestChange(() => true);
    if (change) {
      apply(change);
      continue;
    }
    const pair = bestPairChange();
    if (!pair) break;
    apply(pair.first);
    apply(pair.second);
  }

  const sentences: FittedSentence[] = [];
  for (const [index, component] of components.entries()) {
    const choice = choices[index];
    if (choice === ABSENT) continue;
    sentences.push({
      text: component.variants[choice],
      words: wordCounts[index][choice],
      section: component.section,
      theme: component.theme,
    });
  }
  return sentences;
}
