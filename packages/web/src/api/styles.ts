/** The style catalogue's palettes (background gradient and accent), for the swatch next to each style. */
export const STYLES = [
  { id: 'modern', label: 'Modern', background: ['#0f172a', '#1e3a8a'], accent: '#38bdf8' },
  { id: 'cinematic', label: 'Cinematic', background: ['#0b0b0f', '#3b2a1a'], accent: '#f59e0b' },
  { id: 'minimal', label: 'Minimal', background: ['#f5f5f4', '#e7e5e4'], accent: '#1c1917' },
  { id: 'playful', label: 'Playful', background: ['#7c3aed', '#f97316'], accent: '#facc15' },
  { id: 'documentary', label: 'Documentary', background: ['#1c1917', '#44403c'], accent: '#a8a29e' },
  { id: 'retro', label: 'Retro', background: ['#2a1a3e', '#b45309'], accent: '#fb7185' },
] as const;

export const ASPECT_RATIOS = ['9:16', '16:9', '1:1'] as const;
export const LANGUAGES = [
  { value: 'en', label: 'English' },
  { value: 'fr', label: 'French' },
] as const;
