import { ProviderError, type WarningV1 } from '@looply/core';
import type { EspeakVoiceCatalogue } from './espeak/espeak-voice-catalogue.js';
import { findFestival } from './festival/festival-engine.js';
import type { FliteVoice } from './flite/flite-wasm-engine.js';

/** A voice the local voice provider can speak with, without network. */
export interface OfflineVoice {
  /** What `--voice` and a brief's `voice` take. */
  id: string;
  /** BCP-47 language it speaks. */
  language: string;
  engine: 'flite' | 'festival' | 'espeak-ng';
  description: string;
  /** False when the engine it needs is not on this machine. */
  available: boolean;
}

/**
 * Flite's voices (all US English but `awb`, a Scottish English man). The first is the default
 * English voice. Word error by an independent recogniser on a held-out narration
 * (`pnpm bench voice`): slt 13.6 %, rms 10.2 %, awb 30.5 %, kal16 22 %, kal 59 % (eSpeak NG 78 %).
 */
export const FLITE_OFFLINE_VOICES: ReadonlyArray<OfflineVoice & { fliteVoice: FliteVoice }> = [
  {
    id: 'flite-slt',
    fliteVoice: 'slt',
    language: 'en-US',
    engine: 'flite',
    description: 'Flite CMU SLT, US English woman (default English voice)',
    available: true,
  },
  {
    id: 'flite-rms',
    fliteVoice: 'rms',
    language: 'en-US',
    engine: 'flite',
    description: 'Flite CMU RMS, US English man',
    available: true,
  },
  {
    id: 'flite-awb',
    fliteVoice: 'awb',
    language: 'en-GB',
    engine: 'flite',
    description: 'Flite CMU AWB, Scottish English man',
    available: true,
  },
  {
    id: 'flite-kal16',
    fliteVoice: 'kal16',
    language: 'en-US',
    engine: 'flite',
    description: 'Flite KAL diphone, US English man (robotic)',
    available: true,
  },
  {
    id: 'flite-kal',
    fliteVoice: 'kal',
    language: 'en-US',
    engine: 'flite',
    description: 'Flite KAL diphone at 8 kHz, US English man (robotic)',
    available: true,
  },
];

/** Festival's HTS voice, used when Debian's `festival` and `festvox-us-slt-hts` are installed and it is asked for. */
export const FESTIVAL_OFFLINE_VOICE_ID = 'festival-slt-hts';

function festivalVoice(): OfflineVoice {
  const available = findFestival() !== undefined;
  const description = `Festival CMU SLT HTS, US English woman${available ? '' : ' (Debian: apt-get install festival festvox-us-slt-hts)'}`;
  return { id: FESTIVAL_OFFLINE_VOICE_ID, language: 'en-US', engine: 'festival', description, available };
}

/** Every offline voice: Flite's, Festival's, then eSpeak NG's (one per language it speaks). */
export function offlineVoices(espeak: EspeakVoiceCatalogue): OfflineVoice[] {
  const espeakVoices = espeak.list().map(({ id, name }) => ({
    id,
    language: id,
    engine: 'espeak-ng' as const,
    description: `eSpeak NG ${name}`,
    available: true,
  }));
  return [
    ...FLITE_OFFLINE_VOICES.map(({ fliteVoice: _fliteVoice, ...voice }) => voice),
    festivalVoice(),
    ...espeakVoices,
  ];
}

export type ChosenVoice =
  | { engine: 'flite'; voice: FliteVoice; id: string }
  | { engine: 'festival'; binary: string; id: string }
  | { engine: 'espeak-ng'; voice: string; id: string };

function isEnglish(language: string): boolean {
  return language.toLowerCase().split('-')[0] === 'en';
}

/**
 * The voice for a call: the requested one when it exists and speaks the script's language;
 * otherwise the language's voice (Flite's first voice for English, eSpeak NG's for the others),
 * with a warning when a voice was asked for. A language no offline engine speaks is an error:
 * another voice would read the text with the wrong pronunciation rules.
 */
export async function chooseOfflineVoice(
  espeakCatalogue: () => Promise<EspeakVoiceCatalogue>,
  requested: string | undefined,
  language: string,
): Promise<{ chosen: ChosenVoice; warnings: WarningV1[] }> {
  const english = isEnglish(language);
  const flite =
    requested === undefined
      ? undefined
      : FLITE_OFFLINE_VOICES.find((voice) => voice.id === requested.trim().toLowerCase());
  if (flite && english) return { chosen: { engine: 'flite', voice: flite.fliteVoice, id: flite.id }, warnings: [] };
  const festival = requested?.trim().toLowerCase() === FESTIVAL_OFFLINE_VOICE_ID;
  const festivalBinary = festival && english ? findFestival() : undefined;
  if (festivalBinary)
    return { chosen: { engine: 'festival', binary: festivalBinary, id: FESTIVAL_OFFLINE_VOICE_ID }, warnings: [] };
  // eSpeak NG's catalogue is read only when needed: English with a Flite voice never loads eSpeak NG.
  const espeakVoice =
    requested === undefined || flite || festival ? undefined : (await espeakCatalogue()).resolve(requested);
  if (espeakVoice) return { chosen: { engine: 'espeak-ng', voice: espeakVoice, id: espeakVoice }, warnings: [] };

  const fallback: ChosenVoice | undefined = english
    ? { engine: 'flite', voice: FLITE_OFFLINE_VOICES[0].fliteVoice, id: FLITE_OFFLINE_VOICES[0].id }
    : await (async () => {
        const voice = (await espeakCatalogue()).voiceForLanguage(language);
        return voice ? { engine: 'espeak-ng' as const, voice, id: voice } : undefined;
      })();
  if (!fallback) {
    throw new ProviderError({
      provider: 'local',
      retryable: false,
      code: 'unsupported-language',
      message: `No offline voice speaks language "${language}"${requested ? ` and there is no voice "${requested}"` : ''}; list them with "looply voices".`,
    });
  }
  const why =
    (flite || festival) && !english
      ? `"${requested}" speaks English only`
      : festival
        ? `"${requested}" is not installed (Debian: apt-get install festival festvox-us-slt-hts)`
        : `there is no offline voice "${requested}"`;
  const warnings: WarningV1[] =
    requested === undefined
      ? []
      : [
          {
            type: 'unsupported-setting',
            setting: 'voice',
            details: `${why}; used "${fallback.id}", the voice for language "${language}".`,
          },
        ];
  return { chosen: fallback, warnings };
}
