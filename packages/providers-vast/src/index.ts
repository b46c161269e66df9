export { vastPlugin } from './vast-plugin.js';
export { createVast, type VastProvider } from './vast-provider.js';
export { WanVisualModel } from './wan-visual-model.js';
export { VAST_PROVIDER_ID } from './vast-provider-id.js';
export { vastVisualSettingsSchema, type VastVisualSettings, type ResolvedVastVisualSettings } from './vast-settings.js';
export {
  WAN_MODELS,
  WAN_A14B_RESOLUTIONS,
  wanClipFormat,
  toWanFrameCount,
  type WanModel,
  type WanA14BResolution,
  type WanClipFormat,
} from './wan-models.js';
export {
  buildWanWorkflow,
  fillWorkflowTemplate,
  WORKFLOW_SLOTS,
  type ComfyWorkflow,
  type WanWorkflowInputs,
} from './wan-workflow.js';
export { WAN_DEFAULT_NEGATIVE_PROMPT, wanNegativePrompt } from './wan-negative-prompt.js';
export { deriveSeed } from './derive-seed.js';
export { wanRequestId } from './wan-request-id.js';
export { ComfyWrapperClient, type ComfyWrapperClientConfig } from './comfy-wrapper-client.js';
export { wrapperResultSchema, type WrapperResult, type WrapperOutput } from './comfy-wrapper-result.js';
export { signWebhookBody, hasValidSignature, SIGNATURE_HEADERS } from './webhook-signature.js';
export {
  VastRestClient,
  VastApiError,
  vastOfferSchema,
  vastInstanceSchema,
  type VastOffer,
  type VastInstance,
  type VastRestClientConfig,
  type OfferSearch,
} from './vast-rest-client.js';
export {
  comfyInstanceBody,
  rentFirstAvailable,
  instanceUrl,
  waitUntilRunning,
  WRAPPER_PORT,
  COMFYUI_PORT,
  DEFAULT_COMFY_IMAGE,
  type ComfyInstanceRequest,
} from './vast-instance.js';
