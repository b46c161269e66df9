import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * The ffmpeg to run: the explicit setting, then `FFMPEG_PATH`, then the static build shipped by
 * `@ffmpeg-installer/ffmpeg`. Resolved on first use, so importing has no side effects.
 */
export function resolveFfmpegPath(explicit?: string): string {
  return explicit ?? nonEmpty(process.env.FFMPEG_PATH) ?? installerPath('@ffmpeg-installer/ffmpeg', 'FFMPEG_PATH');
}

/** The ffprobe to run: the explicit setting, then `FFPROBE_PATH`, then `@ffprobe-installer/ffprobe`. */
export function resolveFfprobePath(explicit?: string): string {
  return explicit ?? nonEmpty(process.env.FFPROBE_PATH) ?? installerPath('@ffprobe-installer/ffprobe', 'FFPROBE_PATH');
}

function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim() ? value.trim() : undefined;
}

function installerPath(packageName: string, variable: string): string {
  try {
    const installer = require(packageName) as { path?: unknown };
    if (typeof installer.path === 'string' && installer.path) return installer.path;
    throw new Error(`${packageName} exported no binary path`);
  } catch (error) {
    throw new Error(
      `Cannot find the binary of ${packageName} for this platform: set ${variable} to an installed one.`,
      { cause: error },
    );
  }
}
