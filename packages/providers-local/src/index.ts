export { localPlugin, type LocalPluginSettings } from './local-plugin.js';
export { createLocal, type LocalProvider, type LocalSettings } from './local-provider.js';
export type { LocalVisualSettings } from './visual/local-visual-settings.js';
export { resolveFontFile } from './fonts/resolve-font-file.js';
export { catalogueFonts } from './fonts/catalogue-fonts.js';
export { registerCanvasFonts, canvasFontFamily } from './fonts/canvas-fonts.js';
export { fontsDirectory, type FontsDirectoryOptions } from './fonts/fonts-directory.js';
export { fontFamilyNameForLibass, libassFontFor, type LibassFont } from './fonts/libass-font.js';
export { missingCharacters } from './fonts/font-coverage.js';
export { readOpenTypeFont, type OpenTypeFontInfo } from './fonts/open-type-font.js';
export type { LocalScriptSettings } from './script/local-script-settings.js';
export type { LocalVoiceProvider } from './voice/local-voice-provider.js';
export type { OfflineVoice } from './voice/offline-voices.js';
export type { LocalVoiceSettings } from './voice/local-voice-settings.js';
export type { LocalAssemblySettings } from './assembly/local-assembly-settings.js';
export { measureVideo, type MeasureVideoOptions } from './quality/measure-video.js';
export {
  qualityReport,
  STANDARD_GROUPS,
  type QualityReport,
  type QualityStandardResult,
  type StandardGroup,
} from './quality/quality-report.js';
export {
  qualityTimelineSchema,
  parseQualityTimeline,
  readTimelineFile,
  type QualityTimeline,
} from './quality/quality-timeline.js';
export { formatQualityReport } from './quality/format-quality-report.js';
export { createVideoOutputCheck, type VideoOutputCheckSettings } from './quality/video-output-check.js';
