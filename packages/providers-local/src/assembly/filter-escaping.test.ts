import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { fontsDirectory } from '../fonts/fonts-directory.js';
import { escapeFilterGraph, escapeFilterOptionValue, filterArgument } from './filter-escaping.js';
import { resolveFfmpegPath } from './ffmpeg-binaries.js';
import { runFfmpeg } from './run-ffmpeg.js';

describe('filter escaping', () => {
  it('escapes option values, then the graph description', () => {
    expect(escapeFilterOptionValue("a:b'c\\d")).to.equal("a\\:b\\'c\\\\d");
    expect(escapeFilterGraph('a[b],c;d')).to.equal('a\\[b\\]\\,c\\;d');
    expect(filterArgument("it's: [a],b;c")).to.equal("it\\\\\\'s\\\\: \\[a\\]\\,b\\;c");
  });

  it('lets ffmpeg open a subtitles file whose path holds filtergraph metacharacters', async function () {
    this.timeout(30_000);
    const root = await mkdtemp(join(tmpdir(), 'looply-escaping-'));
    try {
      const folder = join(root, "it's [odd], isn't; it: \\ yes");
      await mkdir(folder);
      const fonts = await fontsDirectory({
        directory: join(folder, 'fonts, too'),
        fonts: [{ family: 'Inter', weight: 800 }],
      });
      const ass = join(folder, 'captions.ass');
      await writeFile(
        ass,
        '[Script Info]\nScriptType: v4.00+\nPlayResX: 320\nPlayResY: 180\n\n[V4+ Styles]\nFormat: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding\nStyle: Default,Inter ExtraBold,40,&H00FFFFFF,&H00FFFFFF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,2,0,5,0,0,0,1\n\n[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\nDialogue: 0,0:00:00.00,0:00:01.00,Default,,0,0,0,,HELLO\n',
      );
      const output = join(root, 'frame.gray');
      await runFfmpeg({
        binary: resolveFfmpegPath(),
        args: [
          '-y',
          '-f',
          'lavfi',
          '-i',
          'color=c=black:s=320x180:d=0.1',
          '-vf',
          `subtitles=filename=${filterArgument(ass)}:fontsdir=${filterArgument(fonts)},format=gray`,
          '-frames:v',
          '1',
          '-f',
          'rawvideo',
          output,
        ],
        what: 'burning a caption',
        provider: 'test',
      });
      const pixels = await readFile(output);
      const bright = pixels.filter((value) => value > 200).length;
      expect(bright, 'the caption was drawn').to.be.greaterThan(100);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
