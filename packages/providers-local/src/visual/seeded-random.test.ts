import { expect } from 'chai';
import { createSeededRandom, seedFrom } from './seeded-random.js';

describe('seeded random', () => {
  it('draws the same sequence from the same seed', () => {
    const first = createSeededRandom(seedFrom('solar', 3));
    const second = createSeededRandom(seedFrom('solar', 3));
    const draws = Array.from({ length: 20 }, () => [first.next(), second.next()]);
    for (const [a, b] of draws) expect(a).to.equal(b);
  });

  it('gives unrelated seeds to inputs that differ by one character or by how they split', () => {
    expect(seedFrom('solar panels', 0)).to.not.equal(seedFrom('solar panel', 0));
    expect(seedFrom('ab', 'c')).to.not.equal(seedFrom('a', 'bc'));
  });

  it('keeps every helper inside its range', () => {
    const random = createSeededRandom(42);
    for (let draw = 0; draw < 2_000; draw += 1) {
      const value = random.next();
      expect(value).to.be.at.least(0).and.below(1);
      expect(random.between(-3, 5)).to.be.at.least(-3).and.below(5);
      const integer = random.integer(2, 4);
      expect([2, 3, 4]).to.include(integer);
    }
  });

  it('reaches both ends of an integer range', () => {
    const random = createSeededRandom(7);
    const seen = new Set(Array.from({ length: 200 }, () => random.integer(0, 3)));
    expect([...seen].sort()).to.deep.equal([0, 1, 2, 3]);
  });

  it('refuses to pick from an empty list', () => {
    expect(() => createSeededRandom(1).pick([])).to.throw(/empty list/);
  });
});
