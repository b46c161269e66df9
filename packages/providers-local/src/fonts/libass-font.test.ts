import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { catalogueFonts } from './catalogue-fonts.js';
import { fontsDirectory } from './fonts-directory.js';
import { fontFamilyNameForLibass, libassFontFor } from './libass-font.js';
import { readOpenTypeFont } from './open-type-font.js';

const ffmpegPath = (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }).path;

describe('libass font names', () => {
  it('uses the legacy family name for weights outside regular and bold', () => {
    expect(fontFamilyNameForLibass({ family: 'Montserrat', weight: 800 })).to.equal('Montserrat ExtraBold');
    expect(fontFamilyNameForLibass({ family: 'Inter', weight: 800 })).to.equal('Inter ExtraBold');
    expect(libassFontFor({ family: 'Montserrat', weight: 800 }).bold).to.equal(false);
  });

  it('uses the plain family with the bold flag for bold faces', () => {
    expect(libassFontFor({ family: 'Inter', weight: 700 })).to.include({ family: 'Inter', bold: true });
    expect(libassFontFor({ family: 'Fredoka', weight: 700 })).to.include({ family: 'Fredoka', bold: true });
    expect(libassFontFor({ family: 'Righteous', weight: 400 })).to.include({ family: 'Righteous', bold: false });
  });

  it('makes libass (in the bundled ffmpeg) pick each catalogue font file, not a fallback', async function () {
    this.timeout(60_000);
    const work = await mkdtemp(join(tmpdir(), 'looply-libass-'));
    try {
      const fonts = catalogueFonts();
      const styles = fonts.map((font, index) => {
        const { family, bold } = libassFontFor(font);
        return `Style: S${index},${family},40,&H00FFFFFF,&H00FFFFFF,&H00000000,&H00000000,${bold ? -1 : 0},0,0,0,100,100,0,0,1,2,0,2,10,10,10,1`;
      });
      const events = fonts.map((_, index) => `Dialogue: 0,0:00:00.00,0:00:01.00,S${index},,0,0,0,,Été à Noël`);
      const script = [
        '[Script Info]',
        'ScriptType: v4.00+',
        'PlayResX: 320',
        'PlayResY: 240',
        '',
        '[V4+ Styles]',
        'Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding',
        ...styles,
        '',
        '[Events]',
        'Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text',
        ...events,
        '',
      ].join('\n');
      await writeFile(join(work, 'captions.ass'), script);
      const folder = await fontsDirectory({ directory: join(work, 'fonts') });
      const { stderr } = await promisify(execFile)(
        ffmpegPath,
        [
          '-hide_banner',
          '-loglevel',
          'verbose',
          '-f',
          'lavfi',
          '-i',
          'color=c=black:s=320x240:d=0.1',
          '-vf',
          `ass=captions.ass:fontsdir=${folder}`,
          '-frames:v',
          '1',
          '-f',
          'null',
          '-',
        ],
        { cwd: work, maxBuffer: 16 * 1024 * 1024 },
      );
      // libass logs one "fontselect: (family, weight, italic) -> postscript name, index, …" line per face it picks.
      const picked = new Map<string, string>();
      for (const match of stderr.matchAll(/fontselect: \(([^,]+), (\d+), \d+\) -> ([^,]+),/g))
        picked.set(`${match[1]}:${match[2]}`, match[3]);
      for (const font of fonts) {
        const { family, bold, file } = libassFontFor(font);
        const expected = readOpenTypeFont(file).postScriptName;
        expect(picked.get(`${family}:${bold ? 700 : 400}`), `${font.family} ${font.weight}`).to.equal(expected);
      }
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
});
