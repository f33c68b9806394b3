import { describe, expect, it } from 'vitest';
import { listLimit, textLimit } from './field-limits';

describe('limits read from the contracts', () => {
  it.each([
    ['CohortCreated', ['name'], 120],
    ['CohortCreated', ['description'], 1000],
    ['CandidateRemovedFromCohort', ['reason'], 500],
    ['QuestionSetCreated', ['title'], 160],
    ['QuestionAdded', ['question', 'text'], 1000],
    ['QuestionAdded', ['question', 'expectedAnswer'], 5000],
    ['QuestionAdded', ['question', 'keyPoints', '[]', 'text'], 300],
    ['QuestionAdded', ['question', 'keyPoints', '[]', 'synonyms', '[]'], 120],
    ['QuestionAdded', ['question', 'followUpRules', '[]', 'prompt'], 500],
    ['SessionRubricScored', ['scores', '[]', 'note'], 1000],
  ] as const)('%s %j is at most %d characters', (type, path, limit) => {
    expect(textLimit(type, path)).toBe(limit);
  });

  it('reads list lengths', () => {
    expect(listLimit('QuestionAdded', ['question', 'keyPoints'])).toBe(20);
    expect(listLimit('QuestionAdded', ['question', 'keyPoints', '[]', 'synonyms'])).toBe(20);
  });

  it('throws on a path the contract does not have, so a renamed field fails loudly', () => {
    expect(() => textLimit('CohortCreated', ['title'])).toThrow('CohortCreated has no field title');
    expect(() => textLimit('CohortCreated', ['cohortId'])).toThrow(/not a string with a maximum length/);
  });
});
