import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { expect } from 'chai';
import type { FramingV1 } from '@looply/core';
import { resolveFfmpegPath } from './ffmpeg-binaries.js';
import { kenBurnsGraph } from './ken-burns-filter.js';

const WIDTH = 360;
const HEIGHT = 640;
const FRAMES = 90;

/** A black still with one soft white dot at (x, y), so its centroid can be tracked to a fraction of a pixel. */
function dotStill(x: number, y: number): Buffer {
  const canvas = createCanvas(WIDTH, HEIGHT);
  const context = canvas.getContext('2d');
  context.fillStyle = '#000';
  context.fillRect(0, 0, WIDTH, HEIGHT);
  const gradient = context.createRadialGradient(x, y, 0, x, y, 12);
  gradient.addColorStop(0, '#fff');
  gradient.addColorStop(1, '#000');
  context.fillStyle = gradient;
  context.fillRect(x - 14, y - 14, 28, 28);
  return canvas.toBuffer('image/png');
}

/** Runs a filter graph on the still and returns the dot's centroid in every output frame. */
function trackDot(still: string, graph: string): Promise<Array<{ x: number; y: number }>> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      resolveFfmpegPath(),
      [
        '-hide_banner',
        '-loglevel',
        'error',
        '-i',
        still,
        '-filter_complex',
        `${graph};[moved]format=gray[grey]`,
        '-map',
        '[grey]',
        '-f',
        'rawvideo',
        '-',
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(stderr));
      const data = Buffer.concat(chunks);
      const size = WIDTH * HEIGHT;
      const centroids: Array<{ x: number; y: number }> = [];
      for (let offset = 0; offset + size <= data.length; offset += size) {
        let sumX = 0;
        let sumY = 0;
        let total = 0;
        for (let pixel = 0; pixel < size; pixel += 1) {
          const value = data[offset + pixel];
          if (value < 30) continue;
          sumX += value * (pixel % WIDTH);
          sumY += value * Math.floor(pixel / WIDTH);
          total += value;
        }
        centroids.push({ x: sumX / total, y: sumY / total });
      }
      resolve(centroids);
    });
  });
}

/** Root mean square of the second difference: 0 for a steady move, larger the more it shakes. */
function shake(values: number[]): number {
  let sum = 0;
  for (let index = 1; index < values.length - 1; index += 1)
    sum += (values[index - 1] - 2 * values[index] + values[index + 1]) ** 2;
  return Math.sqrt(sum / (values.length - 2));
}

describe('kenBurnsGraph', function () {
  this.timeout(30_000);
  let folder: string;
  let still: string;

  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'looply-ken-burns-'));
    still = join(folder, 'dot.png');
    await writeFile(still, dotStill(100, 170));
  });
  after(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  const zoomIn: [FramingV1, FramingV1] = [
    { scale: 1, centerX: 0.5, centerY: 0.5 },
    { scale: 1.12, centerX: 0.5, centerY: 0.5 },
  ];
  const pan: [FramingV1, FramingV1] = [
    { scale: 1.12, centerX: 0.45, centerY: 0.5 },
    { scale: 1.12, centerX: 0.55, centerY: 0.5 },
  ];

  it('makes exactly the requested number of frames, moving the picture as the framing says', async () => {
    const [from, to] = zoomIn;
    const track = await trackDot(
      still,
      kenBurnsGraph({
        input: '0:v',
        output: 'moved',
        name: 'kb',
        from,
        to,
        frames: FRAMES,
        format: { width: WIDTH, height: HEIGHT, fps: 30 },
      }),
    );
    expect(track).to.have.length(FRAMES);
    // A zoom of 1.12 about the centre pushes the dot away from the centre by 12%.
    expect(track[0].x).to.be.closeTo(100, 1);
    expect(track[0].y).to.be.closeTo(170, 1);
    expect(track[FRAMES - 1].x).to.be.closeTo(WIDTH / 2 + (100 - WIDTH / 2) * 1.12, 1);
    expect(track[FRAMES - 1].y).to.be.closeTo(HEIGHT / 2 + (170 - HEIGHT / 2) * 1.12, 1);
  });

  for (const [name, [from, to]] of [
    ['zoom', zoomIn],
    ['pan', pan],
  ] as const) {
    it(`moves smoothly on a ${name}: the dot's path shakes by less than 0.6 px`, async () => {
      const track = await trackDot(
        still,
        kenBurnsGraph({
          input: '0:v',
          output: 'moved',
          name: 'kb',
          from,
          to,
          frames: FRAMES,
          format: { width: WIDTH, height: HEIGHT, fps: 30 },
        }),
      );
      expect(shake(track.map((point) => point.x))).to.be.below(0.6);
      expect(shake(track.map((point) => point.y))).to.be.below(0.6);
    });
  }

  it('shakes less than a plain zoompan on the yuv420p still (the jitter this graph avoids)', async () => {
    const plain = `[0:v]format=yuv420p,zoompan=z='pow(1.12,on/${FRAMES - 1})':x='iw/2-iw/zoom/2':y='ih/2-ih/zoom/2':d=${FRAMES}:s=${WIDTH}x${HEIGHT}:fps=30[moved]`;
    const [from, to] = zoomIn;
    const naive = await trackDot(still, plain);
    const smooth = await trackDot(
      still,
      kenBurnsGraph({
        input: '0:v',
        output: 'moved',
        name: 'kb',
        from,
        to,
        frames: FRAMES,
        format: { width: WIDTH, height: HEIGHT, fps: 30 },
      }),
    );
    const naiveShake = shake(naive.map((point) => point.x)) + shake(naive.map((point) => point.y));
    const smoothShake = shake(smooth.map((point) => point.x)) + shake(smooth.map((point) => point.y));
    expect(naiveShake).to.be.greaterThan(0.8);
    expect(smoothShake).to.be.below(naiveShake / 2);
  });

  it('draws a move in pieces (a transition lead, the scene, its tail) exactly as the whole move', async () => {
    const [from, to] = zoomIn;
    const format = { width: WIDTH, height: HEIGHT, fps: 30 };
    const whole = await trackDot(
      still,
      kenBurnsGraph({ input: '0:v', output: 'moved', name: 'kb', from, to, frames: FRAMES, format }),
    );
    const pieces = [
      { firstFrame: 0, count: 12 },
      { firstFrame: 12, count: 63 },
      { firstFrame: 75, count: 15 },
    ];
    const tracked = await Promise.all(
      pieces.map((piece) =>
        trackDot(
          still,
          kenBurnsGraph({
            input: '0:v',
            output: 'moved',
            name: 'kb',
            from,
            to,
            frames: piece.count,
            format,
            range: { firstFrame: piece.firstFrame, totalFrames: FRAMES },
          }),
        ),
      ),
    );
    const joined = tracked.flat();
    expect(joined).to.have.length(FRAMES);
    joined.forEach((point, index) => {
      expect(point.x, `frame ${index}`).to.be.closeTo(whole[index].x, 0.01);
      expect(point.y, `frame ${index}`).to.be.closeTo(whole[index].y, 0.01);
    });
  });
});
