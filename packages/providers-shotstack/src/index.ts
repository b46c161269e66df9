export { shotstackPlugin } from './shotstack-plugin.js';
export { createShotstack, type ShotstackProvider } from './shotstack-provider.js';
export { ShotstackAssemblyModel } from './shotstack-assembly-model.js';
export { SHOTSTACK_PROVIDER_ID } from './shotstack-provider-id.js';
export {
  shotstackSettingsSchema,
  type ShotstackSettings,
  type ResolvedShotstackSettings,
} from './shotstack-settings.js';
export { timelineToEdit, type ShotstackEdit, type ShotstackClip, type EditInputs } from './shotstack-edit.js';
export {
  ShotstackClient,
  shotstackRenderSchema,
  type ShotstackRender,
  type ShotstackClientConfig,
} from './shotstack-client.js';
export { captionsToSrt } from './subtitles-srt.js';
export { RequestSpacing } from './request-spacing.js';
