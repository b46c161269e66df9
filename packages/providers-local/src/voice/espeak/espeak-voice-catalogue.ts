// espeak-ng's own default for a language when several voices speak it (`en` alone would be British).
const PREFERRED_VOICE: Record<string, string> = { en: 'en-us', fr: 'fr-fr', es: 'es', zh: 'cmn' };

// `--voices` rows: "Pty Language Age/Gender VoiceName File Other Languages", e.g.
// " 2  en-us           --/M      English_(America)  gmw/en-US            (en 3)".
const VOICE_ROW = /^\s*\d+\s+(\S+)\s+\S+\s+(\S+)\s+(\S+)\s*(.*)$/;

interface CatalogueEntry {
  /** What `-v` receives for this entry. */
  argument: string;
}

/**
 * The voices and variants an espeak-ng installation has, read from `--voices` and
 * `--voices=variant`. Resolves what a brief asks for (`en-GB`, `English_(America)`,
 * `gmw/en-US`, `en+f3`) to a `-v` argument, or says it does not exist.
 */
export class EspeakVoiceCatalogue {
  private readonly voices = new Map<string, CatalogueEntry>();
  private readonly variants = new Map<string, string>();
  private readonly listed: Array<{ id: string; name: string }> = [];

  private constructor() {}

  static parse(voicesOutput: string, variantsOutput: string): EspeakVoiceCatalogue {
    const catalogue = new EspeakVoiceCatalogue();
    for (const line of voicesOutput.split('\n')) {
      const row = VOICE_ROW.exec(line);
      if (!row || row[1] === 'Language') continue;
      const [, language, name, file, others] = row;
      const argument = language.toLowerCase();
      if (!catalogue.voices.has(argument)) catalogue.listed.push({ id: argument, name: name.replace(/_/g, ' ') });
      catalogue.add(language, argument);
      catalogue.add(name, argument);
      catalogue.add(file, argument);
      for (const [, other] of others.matchAll(/\((\S+)\s+\d+\)/g)) catalogue.add(other, other.toLowerCase());
    }
    for (const line of variantsOutput.split('\n')) {
      const row = VOICE_ROW.exec(line);
      if (!row || row[1] !== 'variant') continue;
      const [, , name, file] = row;
      const fileName = file.replace(/^!v\//, '');
      catalogue.variants.set(fileName.toLowerCase(), fileName);
      if (!catalogue.variants.has(name.toLowerCase())) catalogue.variants.set(name.toLowerCase(), fileName);
    }
    return catalogue;
  }

  private add(key: string, argument: string): void {
    const normalised = key.toLowerCase();
    // The first row wins: `--voices` lists the best match for a code first.
    if (!this.voices.has(normalised)) this.voices.set(normalised, { argument });
  }

  /** Each voice once, by its `-v` argument (which is also its language tag), with its name. */
  list(): Array<{ id: string; name: string }> {
    return [...this.listed];
  }

  get size(): number {
    return this.voices.size;
  }

  /** The `-v` argument for a requested voice (`en-GB`, `en+f3`, `fr-fr+Annie`), or undefined when espeak-ng has no such voice. */
  resolve(requested: string): string | undefined {
    const [voice, variant, ...rest] = requested.trim().split('+');
    if (rest.length > 0 || !voice) return undefined;
    // Voice names are listed with underscores for spaces: "English_(America)".
    const entry = this.voices.get(voice.toLowerCase().replace(/ /g, '_'));
    if (!entry) return undefined;
    if (variant === undefined) return entry.argument;
    const variantFile = this.variants.get(variant.toLowerCase());
    return variantFile ? `${entry.argument}+${variantFile}` : undefined;
  }

  /** The voice for a BCP-47 language: `fr-CA` → `fr-fr`, `en` → `en-us`, `pt-BR` → `pt-br`; undefined when espeak-ng lacks the language. */
  voiceForLanguage(tag: string): string | undefined {
    const lower = tag.toLowerCase();
    const base = lower.split('-')[0];
    // A regional tag is tried as is first (en-GB → en-gb); a bare language goes to its preferred voice.
    const candidates = lower === base ? [PREFERRED_VOICE[base], base] : [lower, PREFERRED_VOICE[base], base];
    for (const candidate of candidates) {
      if (candidate && this.voices.has(candidate)) return this.voices.get(candidate)?.argument;
    }
    return undefined;
  }
}
