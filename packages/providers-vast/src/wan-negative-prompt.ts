/**
 * WAN 2.2's default negative prompt (`sample_neg_prompt` in Wan-Video/Wan2.2 wan/configs/shared_config.py):
 * garish colours, overexposure, static frames, blurry details, subtitles, worst/low quality, JPEG
 * artifacts, deformed hands, faces and limbs, fused fingers, messy background, walking backwards.
 * ComfyUI's WAN templates reuse it.
 */
export const WAN_DEFAULT_NEGATIVE_PROMPT =
  '色调艳丽，过曝，静态，细节模糊不清，字幕，风格，作品，画作，画面，静止，整体发灰，最差质量，低质量，JPEG压缩残留，丑陋的，残缺的，多余的手指，画得不好的手部，画得不好的脸部，畸形的，毁容的，形态畸形的肢体，手指融合，静止不动的画面，杂乱的背景，三条腿，背景人很多，倒着走';

/** The style's and the scene's negatives first (English), then WAN's usual list. */
export function wanNegativePrompt(...extra: Array<string | undefined>): string {
  return [
    ...extra.map((part) => part?.trim()).filter((part): part is string => Boolean(part)),
    WAN_DEFAULT_NEGATIVE_PROMPT,
  ].join(', ');
}
