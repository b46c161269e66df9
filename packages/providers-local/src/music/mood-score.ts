import type { MusicMood } from '@looply/core';

/** One note of a score: General MIDI channel (9 = drums), key, velocity, start and length in beats. */
export interface ScoreNote {
  channel: number;
  key: number;
  velocity: number;
  beat: number;
  lengthBeats: number;
}

/** A loopable piece written in code: tempo, General MIDI programs per channel, notes over `bars` bars of 4/4. */
export interface MoodScore {
  mood: MusicMood;
  beatsPerMinute: number;
  bars: number;
  /** Channel → General MIDI program (0-based). Channel 9 is the drum kit. */
  programs: Record<number, number>;
  notes: ScoreNote[];
}

/** A chord as MIDI keys, root first. */
type Chord = number[];

const DRUMS = 9;
const KICK = 36;
const SNARE = 38;
const CLOSED_HAT = 42;
const SHAKER = 70;

interface MoodPlan {
  beatsPerMinute: number;
  programs: { chords: number; bass: number; lead: number };
  progression: Chord[];
  /** Writes one bar over `chord` starting at `beat`. */
  bar: (chord: Chord, beat: number, add: (note: ScoreNote) => void, barIndex: number) => void;
}

const CHANNEL = { chords: 0, bass: 1, lead: 2 } as const;

/** Chords of C major / A minor, voiced around middle C. */
const C = [60, 64, 67, 71];
const AM = [57, 60, 64, 67];
const F = [53, 57, 60, 64];
const G = [55, 59, 62, 65];
const E = [52, 56, 59, 62];
const DM = [50, 53, 57, 60];

const note = (channel: number, key: number, velocity: number, beat: number, lengthBeats: number): ScoreNote => ({
  channel,
  key,
  velocity,
  beat,
  lengthBeats,
});

const PLANS: Record<MusicMood, MoodPlan> = {
  // Warm pad, slow broken chords, a held bass: 72 bpm.
  calm: {
    beatsPerMinute: 72,
    programs: { chords: 89, bass: 32, lead: 0 },
    progression: [C, AM, F, G],
    bar: (chord, beat, add) => {
      chord.slice(0, 3).forEach((key) => add(note(CHANNEL.chords, key, 52, beat, 3.9)));
      add(note(CHANNEL.bass, chord[0] - 24, 70, beat, 3.8));
      [0, 1, 2, 3, 2, 1].forEach((step, index) =>
        add(note(CHANNEL.lead, chord[step] + 12, 46 + (index % 2) * 8, beat + index * (4 / 6), 0.65)),
      );
    },
  },
  // Off-beat piano chords, eighth-note bass, a guitar arpeggio and a light kit: 116 bpm.
  upbeat: {
    beatsPerMinute: 116,
    programs: { chords: 0, bass: 33, lead: 25 },
    progression: [C, G, AM, F],
    bar: (chord, beat, add) => {
      for (let step = 0; step < 4; step += 1)
        chord.slice(0, 3).forEach((key) => add(note(CHANNEL.chords, key, 62, beat + step + 0.5, 0.4)));
      for (let step = 0; step < 8; step += 1)
        add(note(CHANNEL.bass, chord[0] - 24 + (step % 4 === 3 ? 7 : 0), 84, beat + step / 2, 0.45));
      [0, 2, 1, 3, 2, 1, 0, 2].forEach((index, step) =>
        add(note(CHANNEL.lead, chord[index % chord.length] + 12, 58, beat + step / 2, 0.4)),
      );
      [0, 2].forEach((step) => add(note(DRUMS, KICK, 92, beat + step, 0.25)));
      [1, 3].forEach((step) => add(note(DRUMS, SNARE, 70, beat + step, 0.25)));
      for (let step = 0; step < 8; step += 1) add(note(DRUMS, CLOSED_HAT, step % 2 ? 40 : 56, beat + step / 2, 0.2));
    },
  },
  // Strings on A minor, a cello ostinato and timpani on the downbeats: 84 bpm.
  dramatic: {
    beatsPerMinute: 84,
    programs: { chords: 48, bass: 42, lead: 47 },
    progression: [AM, F, DM, E],
    bar: (chord, beat, add, barIndex) => {
      chord.slice(0, 3).forEach((key) => add(note(CHANNEL.chords, key, 66 + (barIndex % 4) * 6, beat, 3.95)));
      for (let step = 0; step < 8; step += 1)
        add(note(CHANNEL.bass, chord[0] - 12 - (step % 2 ? 0 : 12), 80, beat + step / 2, 0.45));
      add(note(CHANNEL.lead, chord[0] - 24, 96, beat, 1));
      if (barIndex % 2 === 1) add(note(CHANNEL.lead, chord[0] - 24, 84, beat + 3.5, 0.5));
    },
  },
  // Pizzicato strings, marimba runs and a shaker: 126 bpm.
  playful: {
    beatsPerMinute: 126,
    programs: { chords: 45, bass: 32, lead: 12 },
    progression: [C, AM, F, G],
    bar: (chord, beat, add) => {
      [0, 1.5, 2, 3].forEach((step) =>
        chord.slice(0, 3).forEach((key) => add(note(CHANNEL.chords, key, 64, beat + step, 0.3))),
      );
      [0, 2].forEach((step) => add(note(CHANNEL.bass, chord[0] - 24, 80, beat + step, 0.4)));
      [0, 1, 2, 1, 2, 3, 2, 0].forEach((index, step) =>
        add(note(CHANNEL.lead, chord[index] + 12, 70, beat + step / 2, 0.3)),
      );
      for (let step = 0; step < 8; step += 1) add(note(DRUMS, SHAKER, step % 2 ? 38 : 54, beat + step / 2, 0.2));
    },
  },
};

/** The score of a mood: its progression played twice (8 bars), ready to loop. */
export function moodScore(mood: MusicMood): MoodScore {
  const plan = PLANS[mood];
  const notes: ScoreNote[] = [];
  const bars = plan.progression.length * 2;
  for (let bar = 0; bar < bars; bar += 1)
    plan.bar(plan.progression[bar % plan.progression.length], bar * 4, (entry) => notes.push(entry), bar);
  return {
    mood,
    beatsPerMinute: plan.beatsPerMinute,
    bars,
    programs: {
      [CHANNEL.chords]: plan.programs.chords,
      [CHANNEL.bass]: plan.programs.bass,
      [CHANNEL.lead]: plan.programs.lead,
    },
    notes: notes.sort((first, second) => first.beat - second.beat),
  };
}

/** Length of one loop of the score, in seconds. */
export function scoreLengthSec(score: Pick<MoodScore, 'beatsPerMinute' | 'bars'>): number {
  return (score.bars * 4 * 60) / score.beatsPerMinute;
}
