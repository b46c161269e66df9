import { expect } from 'chai';
import { hashText, SeededRandom } from './seeded-random.js';

describe('SeededRandom', () => {
  it('hashes text stably (FNV-1a)', () => {
    expect(hashText('')).to.equal(0x811c9dc5);
    expect(hashText('a')).to.equal(0xe40c292c);
    expect(hashText('solar power')).to.equal(hashText('solar power'));
    expect(hashText('solar power')).not.to.equal(hashText('solar powers'));
  });

  it('gives the same sequence for the same seed and another for another seed', () => {
    const sequence = (seed: number) => {
      const random = new SeededRandom(seed);
      return Array.from({ length: 5 }, () => random.next());
    };
    expect(sequence(42)).to.deep.equal(sequence(42));
    expect(sequence(42)).not.to.deep.equal(sequence(43));
    for (const value of sequence(7)) expect(value).to.be.within(0, 1 - Number.EPSILON);
  });

  it('shuffles and rotates without losing or duplicating items', () => {
    const random = new SeededRandom(1);
    const items = ['a', 'b', 'c', 'd', 'e'];
    expect([...random.shuffle(items)].sort()).to.deep.equal(items);
    const rotated = random.rotate(items);
    expect([...rotated].sort()).to.deep.equal(items);
    expect(rotated.join('').repeat(2)).to.include(items.join(''));
  });

  it('refuses to pick from an empty list', () => {
    expect(() => new SeededRandom(1).pick([])).to.throw(/empty/);
  });
});
