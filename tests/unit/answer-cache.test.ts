import { describe, expect, it } from 'vitest';
import { AnswerCache } from '../../app/services/cache/answer-cache.server';

describe('AnswerCache', () => {
  it('answers only under the version an answer was stored with, and empties itself for a new version', () => {
    const cache = new AnswerCache<string>(10);
    cache.set('g1', 'q=a', 'A1');
    expect(cache.get('g1', 'q=a')).toBe('A1');
    expect(cache.get('g2', 'q=a')).toBeUndefined();
    cache.set('g2', 'q=b', 'B2');
    expect(cache.size).toBe(1);
    expect(cache.get('g1', 'q=a')).toBeUndefined();
  });

  it('drops the least recently used answer beyond its size', () => {
    const cache = new AnswerCache<string>(2);
    cache.set('g', 'a', 'A');
    cache.set('g', 'b', 'B');
    expect(cache.get('g', 'a')).toBe('A');
    cache.set('g', 'c', 'C');
    expect(cache.get('g', 'b')).toBeUndefined();
    expect(cache.get('g', 'a')).toBe('A');
    expect(cache.get('g', 'c')).toBe('C');
  });

  it('keeps nothing when its size is 0', () => {
    const cache = new AnswerCache<string>(0);
    cache.set('g', 'a', 'A');
    expect(cache.get('g', 'a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});
