import { describe, expect, it } from 'vitest';
import { checkLength } from './answer-length';

describe('length check', () => {
  it('uses the default bounds by question kind', () => {
    expect(checkLength(39, { behavioural: false }).verdict).toBe('too-short');
    expect(checkLength(40, { behavioural: false }).verdict).toBe('ok');
    expect(checkLength(79, { behavioural: true }).verdict).toBe('too-short');
    expect(checkLength(351, { behavioural: false }).verdict).toBe('too-long');
    expect(checkLength(450, { behavioural: true }).verdict).toBe('ok');
  });

  it("takes the question's too-short rule and time limit", () => {
    const question = {
      behavioural: false,
      timeLimitSeconds: 60,
      followUpRules: [{ when: 'key-point-missing' }, { when: 'too-short', minWords: 25 }],
    };
    expect(checkLength(24, question)).toEqual({
      wordCount: 24,
      minWords: 25,
      maxWords: 150,
      verdict: 'too-short',
    });
    expect(checkLength(151, question).verdict).toBe('too-long');
  });
});
