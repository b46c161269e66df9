import type { WrapperOutput } from './comfy-wrapper-result.js';

/** Video file extensions the wrapper may hand back, and their content types. */
export const VIDEO_EXTENSIONS: Record<string, string> = {
  mp4: 'video/mp4',
  webm: 'video/webm',
  mov: 'video/quicktime',
  mkv: 'video/x-matroska',
  gif: 'image/gif',
};

/** The clip's file extension: from its name when it is a known video type, else from its mimetype, else mp4. */
export function clipExtension(output: WrapperOutput): string {
  const fromName = /\.([a-z0-9]+)$/i.exec(output.filename ?? '')?.[1]?.toLowerCase();
  if (fromName && fromName in VIDEO_EXTENSIONS) return fromName;
  const fromType = Object.entries(VIDEO_EXTENSIONS).find(([, type]) => type === output.mimetype)?.[0];
  return fromType ?? 'mp4';
}

/** The first output that is a video (by mimetype or file name); WAN graphs have one `SaveVideo`. */
export function pickClip(outputs: WrapperOutput[]): WrapperOutput | undefined {
  const usable = outputs.filter((output) => !output.error && (output.data || output.url || output.filename));
  return (
    usable.find(
      (output) => output.mimetype?.startsWith('video/') || /\.(mp4|webm|mov|mkv)$/i.test(output.filename ?? ''),
    ) ?? undefined
  );
}

/** Where a clip came from, for the job's metadata: never a URL's query string (presigned URLs carry credentials). */
export function clipSource(
  output: WrapperOutput,
  comfyUiUrl: string,
): { clipDelivery: 'base64' | 'url' | 'view'; clipUrl?: string } {
  if (output.data) return { clipDelivery: 'base64' };
  if (output.url) {
    try {
      const url = new URL(output.url);
      return { clipDelivery: 'url', clipUrl: `${url.origin}${url.pathname}` };
    } catch {
      return { clipDelivery: 'url' };
    }
  }
  const view = new URL(`${comfyUiUrl.replace(/\/+$/, '')}/view`);
  view.searchParams.set('filename', output.filename ?? '');
  if (output.subfolder) view.searchParams.set('subfolder', output.subfolder);
  if (output.type) view.searchParams.set('type', output.type);
  return { clipDelivery: 'view', clipUrl: view.toString() };
}
