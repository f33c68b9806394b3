import { describe, expect, it } from 'vitest';
import { contentStemsOf } from './content-terms';
import { keyPointCoverage } from './coverage';

const coverageOf = (answer: string, keyPoints: Array<{ id: string; text: string; synonyms?: string[] }>) =>
  keyPointCoverage(
    contentStemsOf(answer),
    keyPoints.map((keyPoint) => ({ synonyms: [], ...keyPoint })),
  );

describe('key-point coverage', () => {
  it('matches inflected and British/American forms through stemming', () => {
    const result = coverageOf('I prioritized the tickets and was managing two teams.', [
      { id: 'prioritise', text: 'Prioritised tickets' },
      { id: 'manage', text: 'managed teams' },
    ]);
    expect(result.matchedKeyPointIds).toEqual(['prioritise', 'manage']);
    expect(result.share).toBe(1);
  });

  it('covers a key point when most (≥ 60 %) of its content words are present', () => {
    const keyPoint = { id: 'impact', text: 'measurable impact on customer satisfaction' };
    const three = coverageOf('Our customer satisfaction had a clear impact.', [keyPoint]).keyPoints[0]!;
    expect(three).toMatchObject({
      covered: true,
      matchedBy: 'terms',
      termShare: 0.75,
      missingTerms: ['measur'],
    });
    const two = coverageOf('Customer satisfaction went up.', [keyPoint]).keyPoints[0]!;
    expect(two).toMatchObject({ covered: false, termShare: 0.5 });
  });

  it('covers a key point through a synonym phrase, in order', () => {
    const keyPoint = {
      id: 'cost',
      text: 'reduced operating expenses',
      synonyms: ['cut costs', 'saved money'],
    };
    const hit = coverageOf('In the end we cut our costs by a third.', [keyPoint]).keyPoints[0]!;
    expect(hit).toMatchObject({ covered: true, matchedBy: 'synonym', matchedPhrase: 'cut costs' });
    expect(coverageOf('Costs were cut.', [keyPoint]).keyPoints[0]!.covered).toBe(false);
  });

  it('reports missed key points and a share of 1 when there is nothing to cover', () => {
    const result = coverageOf('I like cake.', [
      { id: 'a', text: 'stakeholder alignment' },
      { id: 'b', text: 'cake' },
    ]);
    expect(result).toMatchObject({ share: 0.5, matchedKeyPointIds: ['b'], missedKeyPointIds: ['a'] });
    expect(coverageOf('Anything.', []).share).toBe(1);
  });

  it('never matches on function words alone', () => {
    expect(
      coverageOf('It was one of the best.', [{ id: 'x', text: 'of the', synonyms: ['it was'] }]).share,
    ).toBe(0);
  });
});
