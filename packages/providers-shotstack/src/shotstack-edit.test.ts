import type { Timeline } from '@looply/core';
import { expect } from 'chai';
import { timelineToEdit } from './shotstack-edit.js';
import { captionsToSrt } from './subtitles-srt.js';

const ref = (key: string, contentType: string) => ({ key, contentType });

function timeline(overrides: Partial<Timeline> = {}): Timeline {
  return {
    version: 1,
    title: 'Solar',
    language: 'en',
    style: 'modern',
    output: { width: 1080, height: 1920, fps: 30 },
    durationSec: 12,
    visuals: [
      {
        sceneIndex: 0,
        kind: 'image',
        artifact: ref('jobs/1/visual/scene-0/still.png', 'image/png'),
        startSec: 0,
        lengthSec: 4,
        motion: {
          type: 'ken-burns',
          from: { scale: 1, centerX: 0.5, centerY: 0.5 },
          to: { scale: 1.12, centerX: 0.5, centerY: 0.5 },
        },
      },
      {
        sceneIndex: 1,
        kind: 'video',
        artifact: ref('jobs/1/visual/scene-1/clip.mp4', 'video/mp4'),
        startSec: 4,
        lengthSec: 8,
        sourceDurationSec: 3,
        motion: { type: 'none' },
      },
    ],
    narration: { artifact: ref('jobs/1/voice/narration.wav', 'audio/wav'), startSec: 0, lengthSec: 12, volume: 1 },
    captions: [{ startSec: 0.5, endSec: 2.25, lines: ['Solar power', 'is here'], words: [], sceneIndex: 0 }],
    captionStyle: {
      font: { family: 'Inter', weight: 700 },
      fontSizePx: 64,
      textColor: '#FFFFFF',
      outlineColor: '#000000',
      outlineWidthPx: 4,
      safeMarginXPx: 108,
      safeMarginYPx: 192,
      verticalPosition: 0.8,
    },
    loudness: { integratedLufs: -14, truePeakDb: -1 },
    ...overrides,
  };
}

const assetUrl = (key: string) => `https://looply.example.com/api/v1/artifacts/${key}?signed`;

describe('timelineToEdit', () => {
  it('puts captions on top, then the pictures, then the narration, at the brief’s size and fps', () => {
    const { edit } = timelineToEdit({
      timeline: timeline(),
      assetUrl,
      subtitlesKey: 'jobs/1/assembly/captions.srt',
      callbackUrl: 'https://cb',
    });
    expect(edit.output).to.deep.equal({ format: 'mp4', size: { width: 1080, height: 1920 }, fps: 30 });
    expect(edit.callback).to.equal('https://cb');
    expect(edit.timeline.tracks.map((track) => track.clips[0].asset.type)).to.deep.equal(['caption', 'image', 'audio']);
    expect(edit.timeline.tracks[0].clips[0]).to.deep.include({ start: 0, length: 12 });
    expect(edit.timeline.tracks[0].clips[0].asset.src).to.equal(assetUrl('jobs/1/assembly/captions.srt'));
    expect(edit.timeline.tracks[2].clips[0].asset).to.deep.equal({
      type: 'audio',
      src: assetUrl('jobs/1/voice/narration.wav'),
      volume: 1,
    });
  });

  it('gives a zooming still a zoom effect and repeats a short clip back to back to fill its scene', () => {
    const { edit } = timelineToEdit({ timeline: timeline(), assetUrl });
    const clips = edit.timeline.tracks[0].clips;
    expect(clips[0]).to.deep.include({ start: 0, length: 4, fit: 'crop', effect: 'zoomInSlow' });
    expect(clips.slice(1).map((clip) => [clip.asset.type, clip.start, clip.length])).to.deep.equal([
      ['video', 4, 3],
      ['video', 7, 3],
      ['video', 10, 2],
    ]);
    expect(clips[1].asset).to.include({ volume: 0 });
  });

  it('uses a music URL or stored artifact as the soundtrack, and warns about a local file and ducking', () => {
    const fromUrl = timelineToEdit({
      timeline: timeline({ music: { source: 'https://cdn.example/music.mp3', volume: 0.3, duckingDb: -12 } }),
      assetUrl,
    });
    expect(fromUrl.edit.timeline.soundtrack).to.deep.equal({
      src: 'https://cdn.example/music.mp3',
      volume: 0.3,
      effect: 'fadeOut',
    });
    expect(fromUrl.warnings.map((warning) => warning.type === 'unsupported-setting' && warning.setting)).to.deep.equal([
      'music.duckingDb',
    ]);
    const local = timelineToEdit({
      timeline: timeline({ music: { source: '/home/me/music.mp3', volume: 0.3, duckingDb: -12 } }),
      assetUrl,
    });
    expect(local.edit.timeline.soundtrack).to.equal(undefined);
    expect(local.warnings.map((warning) => warning.type === 'unsupported-setting' && warning.setting)).to.include(
      'music',
    );
  });

  it('renders without generated music, highlight or transition there, saying so for each', () => {
    const base = timeline();
    const { edit, warnings } = timelineToEdit({
      timeline: {
        ...base,
        music: { mood: 'calm', volume: 0.2, duckingDb: -15 },
        captionStyle: { ...base.captionStyle, highlight: { mode: 'color', textColor: '#facc15' } },
        transition: { kind: 'crossfade', durationSec: 0.5 },
      },
      assetUrl,
      subtitlesKey: 'jobs/1/assembly/captions.srt',
    });
    expect(edit.timeline.soundtrack).to.equal(undefined);
    expect(
      warnings.map((warning) => (warning.type === 'unsupported-setting' ? warning.setting : warning.type)),
    ).to.deep.equal(['captionStyle.highlight', 'transition', 'music.mood']);
  });
});

describe('captionsToSrt', () => {
  it('writes numbered SubRip cues with millisecond timestamps', () => {
    expect(captionsToSrt(timeline().captions)).to.equal('1\n00:00:00,500 --> 00:00:02,250\nSolar power\nis here\n');
  });
});
