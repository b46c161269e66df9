import { z } from 'zod';

export const X264_PRESETS = [
  'ultrafast',
  'superfast',
  'veryfast',
  'faster',
  'fast',
  'medium',
  'slow',
  'slower',
  'veryslow',
] as const;
export type X264Preset = (typeof X264_PRESETS)[number];
/** Faster than real time for a 30 s 1080x1920 video on 2 cores, with visually clean stills. */
export const DEFAULT_X264_PRESET: X264Preset = 'veryfast';
export const DEFAULT_X264_CRF = 22;
export const DEFAULT_AUDIO_BITRATE_KBPS = 192;

const encodingShape = {
  /** x264 preset: speed against size. `veryfast` renders a 30 s 1080x1920 video faster than real time on 2 cores. */
  preset: z.enum(X264_PRESETS).optional(),
  /** x264 constant rate factor (0–51, lower is better). */
  crf: z.number().int().min(0).max(51).optional(),
};

export const localAssemblySettingsSchema = z.strictObject({
  /** ffmpeg binary; default `FFMPEG_PATH`, then the one `@ffmpeg-installer/ffmpeg` ships. */
  ffmpegPath: z.string().min(1).optional(),
  /** ffprobe binary; default `FFPROBE_PATH`, then the one `@ffprobe-installer/ffprobe` ships. */
  ffprobePath: z.string().min(1).optional(),
  ...encodingShape,
  /** AAC bitrate in kbit/s. */
  audioBitrateKbps: z.number().int().min(64).max(512).optional(),
  /** Music given as a path on this machine is read: the CLI's case only. Off by default: a server must never read a client-named path. */
  allowLocalMusicFiles: z.boolean().optional(),
  /** Music given as an http(s) URL is downloaded. Off by default: a brief must not make the server fetch URLs. */
  allowMusicUrls: z.boolean().optional(),
  /** Where generated music loops (one per mood) are cached; default `<os tmp>/looply-music`. */
  musicCacheDirectory: z.string().min(1).optional(),
  /** Where render folders are created; default the OS temporary folder. */
  temporaryDirectory: z.string().min(1).optional(),
  /** Keep the render folder (filter graph, ASS file, audio passes) for debugging. */
  keepTemporaryFiles: z.boolean().optional(),
  /** fetch used for music URLs. */
  fetch: z
    .custom<typeof globalThis.fetch>((value) => typeof value === 'function', 'must be a fetch function')
    .optional(),
});
export type LocalAssemblySettings = z.input<typeof localAssemblySettingsSchema>;

/** `providerOptions.local` of one call. */
export const localAssemblyCallOptionsSchema = z.strictObject(encodingShape);
