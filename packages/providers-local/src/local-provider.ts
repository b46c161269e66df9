import type { ScriptProviderV1, ShortAssemblyProviderV1, ShortVisualProviderV1 } from '@looply/core';
import { createLocalAssemblyProvider } from './assembly/local-assembly-provider.js';
import type { LocalAssemblySettings } from './assembly/local-assembly-settings.js';
import { createLocalScriptProvider } from './script/local-script-provider.js';
import type { LocalScriptSettings } from './script/local-script-settings.js';
import { createLocalVisualProvider } from './visual/local-visual-provider.js';
import type { LocalVisualSettings } from './visual/local-visual-settings.js';
import { createLocalVoiceProvider, type LocalVoiceProvider } from './voice/local-voice-provider.js';
import type { LocalVoiceSettings } from './voice/local-voice-settings.js';

export interface LocalSettings {
  script?: LocalScriptSettings;
  voice?: LocalVoiceSettings;
  visual?: LocalVisualSettings;
  assembly?: LocalAssemblySettings;
}

export interface LocalProvider {
  /** Template script writer (no model). */
  script(): ScriptProviderV1;
  /** Flite (English, Festival when asked for and installed) and eSpeak NG voices, with `listVoices()`. */
  voice(): LocalVoiceProvider;
  /** Still images drawn with canvas. */
  visual(): ShortVisualProviderV1;
  /** ffmpeg assembler. */
  assembly(): ShortAssemblyProviderV1;
}

/**
 * The offline providers (id `local`), in the factory shape every provider package shares: the one
 * public way to create them (each call returns a new provider with the settings of its kind).
 */
export function createLocal(settings: LocalSettings = {}): LocalProvider {
  return {
    script: () => createLocalScriptProvider(settings.script),
    voice: () => createLocalVoiceProvider(settings.voice),
    visual: () => createLocalVisualProvider(settings.visual),
    assembly: () => createLocalAssemblyProvider(settings.assembly),
  };
}
