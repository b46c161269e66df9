import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const require = createRequire(import.meta.url);

/** One render the fake knows, with the edit it was asked for. */
export interface FakeRender {
  id: string;
  status: string;
  error: string | null;
  url: string | null;
  duration: number;
  renderTime: number;
  edit: FakeEdit;
  failWith?: string;
}

/** The parts of a Shotstack edit the fake reads. */
export interface FakeEdit {
  timeline?: {
    tracks?: Array<{ clips?: Array<{ asset?: { type?: string; src?: string }; start?: number; length?: number }> }>;
    soundtrack?: { src?: string };
  };
  output?: { size?: { width?: number; height?: number }; fps?: number };
  callback?: string;
}

/** The ffmpeg to render with: the given path, else FFMPEG_PATH, else the bundled @ffmpeg-installer binary. */
function ffmpeg(explicit?: string): string {
  return (
    explicit ?? (process.env.FFMPEG_PATH?.trim() || (require('@ffmpeg-installer/ffmpeg') as { path: string }).path)
  );
}

/** The edit's visual and audio clips, and every asset URL it names (each once). */
export function clipsOf(edit: FakeEdit) {
  const clips = (edit.timeline?.tracks ?? []).flatMap((track) => track.clips ?? []);
  const sources = [...clips.map((clip) => clip.asset?.src), edit.timeline?.soundtrack?.src].filter(
    (src): src is string => typeof src === 'string',
  );
  return { clips, sources: [...new Set(sources)] };
}

/**
 * GETs every asset like Shotstack does, recording each fetch; a refused URL fails the render.
 * Returns where each URL's bytes were saved in `folder`.
 */
export async function fetchAssets(
  sources: string[],
  folder: string,
  fetches: Array<{ url: string; status: number }>,
): Promise<Map<string, string>> {
  const local = new Map<string, string>();
  for (const src of sources) {
    const response = await fetch(src).catch(() => undefined);
    fetches.push({ url: src, status: response?.status ?? 0 });
    if (!response?.ok)
      throw new Error(
        `Failed to fetch asset ${src.split('?')[0]}: ${response ? `HTTP ${response.status}` : 'unreachable'}`,
      );
    const file = join(folder, `asset-${local.size}`);
    await writeFile(file, Buffer.from(await response.arrayBuffer()));
    local.set(src, file);
  }
  return local;
}

/**
 * A real MP4 of the edit with ffmpeg: the visual clips concatenated at the output size, with the
 * narration; returns the video's length.
 */
export async function renderWithFfmpeg(
  edit: FakeEdit,
  local: Map<string, string>,
  output: string,
  ffmpegPath?: string,
): Promise<number> {
  const { clips } = clipsOf(edit);
  const width = edit.output?.size?.width ?? 1080;
  const height = edit.output?.size?.height ?? 1920;
  const fps = edit.output?.fps ?? 25;
  const visuals = clips
    .filter((clip) => clip.asset?.type === 'image' || clip.asset?.type === 'video')
    .sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
  const audio = clips.find((clip) => clip.asset?.type === 'audio');
  const args = ['-hide_banner', '-loglevel', 'error', '-y'];
  const filters: string[] = [];
  visuals.forEach((clip, index) => {
    const length = String(clip.length ?? 1);
    if (clip.asset?.type === 'image') args.push('-loop', '1', '-t', length, '-i', local.get(clip.asset.src!)!);
    else args.push('-stream_loop', '-1', '-t', length, '-i', local.get(clip.asset!.src!)!);
    filters.push(
      `[${index}:v]scale=${width}:${height}:force_original_aspect_ratio=increase,crop=${width}:${height},setsar=1,fps=${fps},trim=duration=${length},setpts=PTS-STARTPTS[v${index}]`,
    );
  });
  filters.push(`${visuals.map((_, index) => `[v${index}]`).join('')}concat=n=${visuals.length}:v=1:a=0[video]`);
  const total = visuals.reduce((end, clip) => Math.max(end, (clip.start ?? 0) + (clip.length ?? 0)), 0);
  if (audio) args.push('-i', local.get(audio.asset!.src!)!);
  args.push('-filter_complex', filters.join(';'), '-map', '[video]');
  if (audio) args.push('-map', `${visuals.length}:a`, '-c:a', 'aac');
  args.push(
    '-t',
    String(total),
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-pix_fmt',
    'yuv420p',
    '-movflags',
    '+faststart',
    output,
  );
  await run(ffmpeg(ffmpegPath), args);
  return total;
}
