import { expect } from 'chai';
import { css, luminance, mixColours, parseHexColour } from './colour.js';

describe('colour helpers', () => {
  it('parses short and long hex colours', () => {
    expect(parseHexColour('#0f172a')).to.deep.equal({ red: 15, green: 23, blue: 42 });
    expect(parseHexColour('#FFF')).to.deep.equal({ red: 255, green: 255, blue: 255 });
  });

  it('names a colour it cannot parse', () => {
    expect(() => parseHexColour('rebeccapurple')).to.throw(/"rebeccapurple" is not a #rgb or #rrggbb/);
  });

  it('mixes linearly between two colours and clamps when writing CSS', () => {
    const middle = mixColours(parseHexColour('#000000'), parseHexColour('#ffffff'), 0.5);
    expect(css(middle)).to.equal('rgba(128, 128, 128, 1.000)');
    expect(css({ red: 300, green: -4, blue: 10 }, 2)).to.equal('rgba(255, 0, 10, 1.000)');
  });

  it('ranks luminance from black to white', () => {
    expect(luminance(parseHexColour('#000'))).to.equal(0);
    expect(luminance(parseHexColour('#fff'))).to.be.closeTo(1, 1e-9);
    expect(luminance(parseHexColour('#f5f5f4'))).to.be.greaterThan(luminance(parseHexColour('#1e3a8a')));
  });
});
