import { describe, expect, it } from 'vitest';
import { countFillers } from './fillers';
import { tokenize } from './tokenize';

const fillersIn = (text: string) => countFillers(tokenize(text));
const countsIn = (text: string) =>
  Object.fromEntries(fillersIn(text).counts.map(({ word, count }) => [word, count]));

describe('filler counting', () => {
  it('counts hesitations on word boundaries, in any case and spelling', () => {
    expect(countsIn('Um, I think, UMM, uh, erm… ah, hmm')).toEqual({ um: 2, uh: 1, er: 1, ah: 1, hmm: 1 });
  });

  it('does not find fillers inside other words', () => {
    expect(fillersIn('My umbrella, the uhlan and the error in the ahead-of-time hummus.').count).toBe(0);
  });

  it('counts like as a filler but not as a verb or a comparison', () => {
    expect(countsIn('It was like really hard, like, you see.')).toEqual({ like: 2 });
    expect(
      fillersIn(
        "I like testing. I'd like to add that we would like more. It looks like rain, feels like home.",
      ).count,
    ).toBe(0);
    expect(fillersIn("We don't like delays and something like that happens.").count).toBe(0);
  });

  it('counts you know and I mean as phrases, not their literal uses', () => {
    expect(countsIn('It was, you know, hard. I mean, we tried.')).toEqual({ 'you know': 1, 'i mean': 1 });
    expect(
      fillersIn('Do you know the answer? As you know, we shipped. I mean it. That is what I mean.').count,
    ).toBe(0);
  });

  it('counts sort of and kind of unless a determiner makes them nouns', () => {
    expect(countsIn('It was kind of hard and sort of slow.')).toEqual({ 'kind of': 1, 'sort of': 1 });
    expect(fillersIn('What kind of role is this? A sort of hybrid, the kind of job I want.').count).toBe(0);
  });

  it('counts so only at the start of a sentence', () => {
    expect(countsIn('So I started. It was so good. So, we shipped! So far so good.')).toEqual({ so: 2 });
  });

  it('counts basically, actually and literally always', () => {
    expect(countsIn('Basically it actually literally worked, basically.')).toEqual({
      basically: 2,
      actually: 1,
      literally: 1,
    });
  });

  it('lists the most frequent first and records where each one is', () => {
    const report = fillersIn('Um. So, like, um, basically um.');
    expect(report.counts[0]).toEqual({ word: 'um', count: 3 });
    expect(report.occurrences.map((occurrence) => occurrence.wordIndex)).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
