/** Something drawn in the sky, above the horizon. */
export type SkyMotif = 'sun' | 'night' | 'clouds';
/** Something standing on the horizon or filling the ground below it. */
export type GroundMotif = 'waves' | 'skyline' | 'trees' | 'mountains' | 'turbines' | 'panels' | 'hills';

export interface PromptMotifs {
  sky?: SkyMotif;
  ground?: GroundMotif;
}

// Words are matched whole, lower-cased, also without a plural "s". English first (visual
// prompts are written in English for the video models), plus a few French words.
const SKY_WORDS: Record<SkyMotif, readonly string[]> = {
  sun: [
    'sun',
    'sunny',
    'solar',
    'sunlight',
    'sunrise',
    'sunset',
    'sunshine',
    'dawn',
    'dusk',
    'daylight',
    'heat',
    'summer',
    'soleil',
    'solaire',
    'aube',
  ],
  night: [
    'night',
    'moon',
    'moonlight',
    'star',
    'starry',
    'galaxy',
    'cosmos',
    'spacecraft',
    'planet',
    'astronaut',
    'universe',
    'nuit',
    'lune',
    'étoile',
    'espace',
  ],
  clouds: ['cloud', 'cloudy', 'sky', 'weather', 'rain', 'storm', 'climate', 'air', 'nuage', 'ciel', 'pluie', 'météo'],
};

const GROUND_WORDS: Record<GroundMotif, readonly string[]> = {
  waves: [
    'ocean',
    'sea',
    'water',
    'wave',
    'river',
    'lake',
    'beach',
    'coast',
    'surf',
    'marine',
    'underwater',
    'boat',
    'harbor',
    'harbour',
    'mer',
    'océan',
    'eau',
    'vague',
    'plage',
    'rivière',
    'lac',
  ],
  skyline: [
    'city',
    'cities',
    'urban',
    'skyline',
    'building',
    'street',
    'downtown',
    'skyscraper',
    'town',
    'rooftop',
    'office',
    'architecture',
    'ville',
    'immeuble',
    'rue',
    'bâtiment',
  ],
  trees: [
    'tree',
    'forest',
    'wood',
    'jungle',
    'park',
    'garden',
    'leaf',
    'leaves',
    'plant',
    'nature',
    'rainforest',
    'arbre',
    'forêt',
    'jardin',
    'plante',
  ],
  mountains: [
    'mountain',
    'peak',
    'summit',
    'alps',
    'volcano',
    'canyon',
    'cliff',
    'glacier',
    'snow',
    'montagne',
    'sommet',
    'neige',
  ],
  turbines: ['wind', 'turbine', 'windmill', 'windfarm', 'éolienne', 'vent'],
  panels: ['panel', 'photovoltaic', 'pv', 'panneau', 'panneaux', 'photovoltaïque'],
  hills: [
    'hill',
    'field',
    'farm',
    'meadow',
    'grass',
    'valley',
    'countryside',
    'landscape',
    'crop',
    'colline',
    'champ',
    'prairie',
    'campagne',
  ],
};

function lookup<Motif extends string>(table: Record<Motif, readonly string[]>): Map<string, Motif> {
  const words = new Map<string, Motif>();
  for (const [motif, list] of Object.entries(table) as Array<[Motif, readonly string[]]>) {
    for (const word of list) words.set(word, motif);
  }
  return words;
}

const SKY_LOOKUP = lookup(SKY_WORDS);
const GROUND_LOOKUP = lookup(GROUND_WORDS);

export function promptWords(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((word) => word.length > 1);
}

/**
 * The sky and ground motifs a prompt asks for, each from the earliest matching word, since
 * visual prompts name their subject first ("solar panels on a roof under a bright sun").
 * Generic hills only win when nothing more specific is named ("a field of solar panels").
 */
export function motifsFromPrompt(prompt: string): PromptMotifs {
  let sky: SkyMotif | undefined;
  let ground: GroundMotif | undefined;
  let hills = false;
  for (const word of promptWords(prompt)) {
    const singular = word.endsWith('s') && word.length > 3 ? word.slice(0, -1) : word;
    sky ??= SKY_LOOKUP.get(word) ?? SKY_LOOKUP.get(singular);
    const found = GROUND_LOOKUP.get(word) ?? GROUND_LOOKUP.get(singular);
    if (found === 'hills') hills = true;
    else ground ??= found;
    if (sky && ground) break;
  }
  if (!ground && hills) ground = 'hills';
  return { ...(sky && { sky }), ...(ground && { ground }) };
}
