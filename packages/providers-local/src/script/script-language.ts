import { ProviderError } from '@looply/core';

export const SCRIPT_LANGUAGES = ['en', 'fr'] as const;
export type ScriptLanguage = (typeof SCRIPT_LANGUAGES)[number];

/** Maps a BCP-47 tag to a language the templates are written in: `fr-CA` → `fr`, `en-GB` → `en`. */
export function resolveScriptLanguage(tag: string, provider: string): ScriptLanguage {
  const base = tag.split('-')[0].toLowerCase();
  const supported = SCRIPT_LANGUAGES.find((language) => language === base);
  if (supported) return supported;
  throw new ProviderError({
    provider,
    retryable: false,
    code: 'unsupported-language',
    message: `The local template script writer has no templates for language "${tag}"; supported languages: ${SCRIPT_LANGUAGES.join(', ')} (regional tags such as "fr-CA" use their base language).`,
  });
}
