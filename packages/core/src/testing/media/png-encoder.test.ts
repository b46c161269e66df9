import { expect } from 'chai';
import { inflateSync } from 'node:zlib';
import { encodeGradientPng } from './png-encoder.js';
import { readPngSize } from './read-png-size.js';

/** Reverses the Sub filter of one row: each byte adds the byte three positions before. */
function unfilterSubRow(row: Buffer): Buffer {
  const pixels = Buffer.from(row.subarray(1));
  for (let index = 3; index < pixels.length; index += 1) pixels[index] = (pixels[index] + pixels[index - 3]) & 0xff;
  return pixels;
}

describe('encodeGradientPng', () => {
  it('writes a PNG whose header gives the requested size', () => {
    const png = encodeGradientPng({ width: 27, height: 48, topColor: '#000000', bottomColor: '#ffffff' });
    expect(readPngSize(png)).to.deep.equal({ width: 27, height: 48 });
  });

  it('encodes flat rows running from the top colour to the bottom colour', () => {
    const width = 5;
    const height = 3;
    const png = encodeGradientPng({ width, height, topColor: '#102030', bottomColor: '#305070' });
    const idatLength = png.readUInt32BE(33);
    expect(png.toString('ascii', 37, 41)).to.equal('IDAT');
    const raw = inflateSync(png.subarray(41, 41 + idatLength));
    const rowBytes = 1 + width * 3;
    expect(raw.length).to.equal(rowBytes * height);
    const rows = [0, 1, 2].map((row) => unfilterSubRow(raw.subarray(row * rowBytes, (row + 1) * rowBytes)));
    expect([...rows[0].subarray(0, 3)]).to.deep.equal([0x10, 0x20, 0x30]);
    expect([...rows[1].subarray(12, 15)]).to.deep.equal([0x20, 0x38, 0x50]);
    expect([...rows[2].subarray(12, 15)]).to.deep.equal([0x30, 0x50, 0x70]);
  });

  it('ends with an IEND chunk', () => {
    const png = encodeGradientPng({ width: 1, height: 1, topColor: '#ffffff', bottomColor: '#ffffff' });
    expect(png.toString('ascii', png.length - 8, png.length - 4)).to.equal('IEND');
  });

  it('rejects a malformed colour, naming the option', () => {
    expect(() => encodeGradientPng({ width: 1, height: 1, topColor: 'red', bottomColor: '#ffffff' })).to.throw(
      /topColor.*"red"/,
    );
  });

  it('rejects a size that is not a positive integer', () => {
    expect(() => encodeGradientPng({ width: 0, height: 10, topColor: '#000000', bottomColor: '#000000' })).to.throw(
      /0x10/,
    );
  });
});

describe('readPngSize', () => {
  it('returns null for bytes that are not a PNG', () => {
    expect(readPngSize(Buffer.from('GIF89a not a png at all, really'))).to.equal(null);
  });
});
