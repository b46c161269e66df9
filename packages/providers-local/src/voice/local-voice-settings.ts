import { z } from 'zod';

export const localVoiceSettingsSchema = z.strictObject({
  /**
   * eSpeak NG build for the languages Flite does not speak. `auto` (default): the espeak-ng
   * binary when there is one, else the bundled WebAssembly build.
   */
  engine: z.enum(['auto', 'binary', 'wasm']).optional(),
  /** Path of an espeak-ng executable; default: `espeak-ng` on PATH. */
  espeakPath: z.string().min(1).optional(),
  /**
   * Voice when neither the call nor the brief names one (`looply voices` lists them: `flite-slt`,
   * `en-gb`, `fr-fr`, …); default: the script language's voice, Flite's `flite-slt` for English.
   */
  voice: z.string().min(1).max(100).optional(),
  /** espeak-ng speed (`-s`); default 145 (140 for French), about 2.5 words per second. Flite voices keep their own pace. */
  wordsPerMinute: z.number().int().min(80).max(450).optional(),
  /**
   * Re-synthesise once at an adjusted speed (0.75–1.4× the default) when the speech is more than
   * 6 % off the brief's duration (default true). Ignored when `wordsPerMinute` is set.
   */
  fitToDuration: z.boolean().optional(),
  /** Silence between two scenes, in seconds (default 0.3). */
  scenePauseSec: z.number().min(0).max(2).optional(),
});

export type LocalVoiceSettings = z.input<typeof localVoiceSettingsSchema>;
