import { describe, expect, it } from 'vitest';
import { detectStar } from './star';
import { tokenize } from './tokenize';

const starOf = (text: string) => detectStar(tokenize(text), text);

describe('STAR detection', () => {
  it('finds all four parts of a structured answer', () => {
    const star = starOf(
      'In my previous role at a bank, the situation was that our release process took weeks. ' +
        'My task was to shorten it and I was responsible for the test suite. ' +
        'I decided to automate the checks, then I organised training for the team. ' +
        'As a result, releases took two days and defects dropped by 30%.',
    );
    for (const part of ['situation', 'task', 'action', 'result'] as const) {
      expect(star[part].present, part).toBe(true);
      expect(star[part].score).toBe(1);
    }
    expect(star.result.cues).toEqual(['as a result', 'dropped', '30%']);
  });

  it('notices a missing result', () => {
    const star = starOf(
      'When I was an intern our tests were slow. I had to fix them. I rewrote the fixtures, then I added caching.',
    );
    expect(star.situation.present).toBe(true);
    expect(star.task.present).toBe(true);
    expect(star.action.present).toBe(true);
    expect(star.result).toEqual({ score: 0, present: false, cues: [] });
  });

  it('weights tense patterns at half a cue and does not count a pattern inside a cue twice', () => {
    const patternOnly = starOf('We migrated the database.');
    expect(patternOnly.action).toEqual({ score: 0.25, present: false, cues: ['we migrated'] });
    const cueWithPattern = starOf('I decided.');
    expect(cueWithPattern.action.score).toBe(0.5);
    expect(starOf('Costs fell 12 percent.').result.cues).toEqual(['12 percent']);
  });

  it('finds nothing in an answer without structure', () => {
    const star = starOf('Teamwork is important to me because people matter.');
    expect([star.situation.score, star.task.score, star.action.score, star.result.score]).toEqual([
      0, 0, 0, 0,
    ]);
  });
});
