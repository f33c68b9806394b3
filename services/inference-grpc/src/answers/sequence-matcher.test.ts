import { describe, expect, it } from 'vitest';
import { matchingBlocks, sequenceRatio } from './sequence-matcher';

const chars = (text: string) => [...text];

describe('Ratcliff/Obershelp sequence matcher', () => {
  // Expected values from Python 3: difflib.SequenceMatcher(None, a, b, autojunk=False).
  it.each([
    ['abcd', 'bcde', 0.75],
    ['abxcd', 'abcd', 0.8888888888888888],
    ['qabxcd', 'abycdf', 0.6666666666666666],
    [' abcd', 'abcd abcd', 0.7142857142857143],
    ['private Thread currentThread;', 'private volatile Thread currentThread;', 0.8656716417910447],
    ['aaaaaaaaaa', 'aaaaa', 0.6666666666666666],
    ['the cat sat on the mat', 'the dog sat on a mat', 0.7619047619047619],
    ['', 'abc', 0],
    ['', '', 1],
  ])('ratio(%j, %j) = %d as difflib', (a, b, expected) => {
    expect(sequenceRatio(chars(a), chars(b))).toBeCloseTo(expected, 12);
  });

  it('finds the same matching blocks as difflib, ties to the earliest', () => {
    expect(matchingBlocks(chars('qabxcd'), chars('abycdf'))).toEqual([
      { aStart: 1, bStart: 0, size: 2 },
      { aStart: 4, bStart: 3, size: 2 },
    ]);
    expect(matchingBlocks(chars(' abcd'), chars('abcd abcd'))).toEqual([{ aStart: 0, bStart: 4, size: 5 }]);
  });

  it('works on any sequence: words and numbers', () => {
    expect(sequenceRatio('the cat sat on the mat'.split(' '), 'the dog sat on a mat'.split(' '))).toBeCloseTo(
      4 / 6,
      12,
    );
    expect(sequenceRatio([1, 2, 3, 4], [2, 3, 4, 5])).toBe(0.75);
  });

  it('agrees with difflib on long random sequences', () => {
    const a =
      'cbdaaeaceaebaaddabaedaeabeaeedabaebcdbeaecebaeebcaeaeaebdedcdedccbbbaecedcdceaaedbcbddaaeecccededaacdaacedcdcadcbeadabcbbdddabddecbdecdcdbbabbbbadebccabdeceecbeeadeddddaddababdbaceaaaebeaceaabedbccecdaaddddcabaccdbeabecbeaecacecbcbeeecbebbdbbedcaacdcbecdccababdbcbdeeadcaadbdbdcadddabbbabedbeedcbeeba';
    const b =
      'aaebdbbacbcebeccedbacdeedebebeeadbeabbbdeaeaceeedaeabbcaaedeaadceeeebcdeedebecebdbdaddcabdabcabcbcbdbaddbbbdedcdbccacaceddadceeceaabaaccabcbdcdbeeedcacabdacaacaebacadacedcebaebabcabbccebcdebccacaaaeebedbdaddedecbbcbbdcabaacdbaadecebcadbbcdacccecbacbc';
    expect(sequenceRatio(chars(a), chars(b))).toBeCloseTo(0.4254545454545455, 12);
    expect(matchingBlocks(chars(a), chars(b))).toHaveLength(48);
  });
});
