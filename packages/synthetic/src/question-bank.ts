import type { Question } from '@poise/schemas';

/** A question of the synthetic set, with what a candidate says when they cover each key point. */
export interface BankQuestion {
  readonly question: Question;
  /** Per key point id: a sentence of an answer that covers it. */
  readonly coveringSentences: Readonly<Record<string, string>>;
  /** Sentences that fill an answer without covering a key point. */
  readonly generalSentences: readonly string[];
}

/**
 * Graduate-interview questions written for the synthetic data (no real candidate's words): key
 * points with synonyms and follow-up rules as staff write them, so follow-ups, coverage and STAR
 * scoring have something real to refer to.
 */
export const questionBank: readonly BankQuestion[] = [
  {
    question: {
      text: 'Tell me about a time you worked in a team to meet a tight deadline.',
      expectedAnswer:
        'In my final-year project our team of four had two weeks to deliver a prototype. I was responsible for the data pipeline. I split the work into daily goals, paired with a teammate on the riskiest part and flagged a blocker early. We delivered on time and the client adopted the prototype.',
      keyPoints: [
        {
          id: 'situation',
          text: 'Describes the team and the deadline',
          synonyms: ['tight deadline', 'our team'],
        },
        { id: 'own-role', text: 'Explains their own responsibility', synonyms: ['i was responsible'] },
        { id: 'outcome', text: 'States the outcome', synonyms: ['result', 'we delivered'] },
      ],
      behavioural: true,
      followUpRules: [
        { when: 'key-point-missing', keyPointId: 'outcome', prompt: 'How did it turn out in the end?' },
        { when: 'no-result-stated', prompt: 'What was the result of your work?' },
      ],
      timeLimitSeconds: 180,
    },
    coveringSentences: {
      situation: 'In my final-year project our team of four had two weeks to deliver a working prototype.',
      'own-role': 'I was responsible for the data pipeline and for keeping our daily plan up to date.',
      outcome: 'We delivered on time and the client decided to keep using the prototype.',
    },
    generalSentences: [
      'It was quite a stressful period for all of us.',
      'We met most days to check where we were.',
      'I learned a lot about working with other people.',
    ],
  },
  {
    question: {
      text: 'Why do you want to work for us?',
      expectedAnswer:
        'I have followed your work on accessible public services, your graduate scheme rotates through three teams, which fits how I like to learn, and my placement in user research showed me I want to build products people rely on every day.',
      keyPoints: [
        { id: 'company-knowledge', text: 'Shows knowledge of the organisation', synonyms: ['your work on'] },
        { id: 'fit', text: 'Connects the role to their strengths', synonyms: ['fits how i'] },
        { id: 'motivation', text: 'Gives a personal motivation', synonyms: ['i want to build'] },
      ],
      behavioural: false,
      followUpRules: [
        {
          when: 'key-point-missing',
          keyPointId: 'company-knowledge',
          prompt: 'What do you know about what we do?',
        },
        { when: 'too-short', minWords: 60, prompt: 'Could you say a bit more about that?' },
      ],
      timeLimitSeconds: 120,
    },
    coveringSentences: {
      'company-knowledge': 'I have followed your work on accessible public services for a while now.',
      fit: 'Your graduate scheme rotates through three teams, which fits how I like to learn.',
      motivation: 'My placement showed me that I want to build products people rely on every day.',
    },
    generalSentences: [
      'I think it would be a great place to start my career.',
      'I have heard good things from people who work here.',
    ],
  },
  {
    question: {
      text: 'Describe a situation where you had to deal with a difficult stakeholder.',
      expectedAnswer:
        'During my placement a product owner kept changing requirements late. I set up a short weekly review, wrote down what we agreed and explained the cost of late changes with examples. The changes dropped and the release went out on schedule.',
      keyPoints: [
        { id: 'conflict', text: 'Describes the disagreement', synonyms: ['kept changing'] },
        { id: 'action', text: 'Explains the actions taken', synonyms: ['i set up', 'i explained'] },
        { id: 'result', text: 'States the result', synonyms: ['went out on schedule'] },
      ],
      behavioural: true,
      followUpRules: [
        { when: 'key-point-missing', keyPointId: 'action', prompt: 'What exactly did you do?' },
        { when: 'no-result-stated', prompt: 'And what happened in the end?' },
      ],
      timeLimitSeconds: 180,
    },
    coveringSentences: {
      conflict: 'During my placement a product owner kept changing the requirements very late.',
      action: 'I set up a short weekly review and explained the cost of late changes with examples.',
      result: 'The late changes dropped and the release went out on schedule.',
    },
    generalSentences: [
      'It was difficult at first because they were quite senior.',
      'I tried to stay calm and listen to what they needed.',
    ],
  },
  {
    question: {
      text: 'What is your greatest strength, and how have you used it?',
      expectedAnswer:
        'My greatest strength is breaking a vague problem into steps. In my dissertation I turned an open question into three experiments, and my supervisor used the plan as an example for next year.',
      keyPoints: [
        { id: 'strength', text: 'Names a specific strength', synonyms: ['my greatest strength'] },
        {
          id: 'evidence',
          text: 'Gives an example of using it',
          synonyms: ['for example', 'in my dissertation'],
        },
        { id: 'impact', text: 'Says what difference it made', synonyms: ['as an example for'] },
      ],
      behavioural: false,
      followUpRules: [
        { when: 'key-point-missing', keyPointId: 'evidence', prompt: 'Can you give me an example?' },
      ],
      timeLimitSeconds: 120,
    },
    coveringSentences: {
      strength: 'My greatest strength is breaking a vague problem down into clear steps.',
      evidence: 'In my dissertation I turned an open question into three small experiments.',
      impact: 'My supervisor now uses that plan as an example for next year’s students.',
    },
    generalSentences: ['I would say I am a hard worker.', 'People often tell me I am organised.'],
  },
  {
    question: {
      text: 'Tell me about a mistake you made and what you learned from it.',
      expectedAnswer:
        'In my internship I shipped a report with an error because I skipped a final check. I told my manager straight away, corrected it the same day and added a checklist that the team still uses.',
      keyPoints: [
        { id: 'mistake', text: 'Owns a concrete mistake', synonyms: ['i made a mistake', 'an error'] },
        { id: 'response', text: 'Describes how they put it right', synonyms: ['i told my manager'] },
        { id: 'learning', text: 'States what they learned', synonyms: ['i learned', 'checklist'] },
      ],
      behavioural: true,
      followUpRules: [
        { when: 'key-point-missing', keyPointId: 'learning', prompt: 'What would you do differently now?' },
      ],
      timeLimitSeconds: 180,
    },
    coveringSentences: {
      mistake: 'In my internship I sent out a report with an error because I skipped the final check.',
      response: 'I told my manager straight away and corrected it the same afternoon.',
      learning: 'I learned to use a checklist, and the team still uses the one I wrote.',
    },
    generalSentences: ['Everyone makes mistakes sometimes.', 'It was not a big problem in the end.'],
  },
  {
    question: {
      text: 'Where do you see yourself in five years?',
      expectedAnswer:
        'I want to have led a small team delivering a product end to end, to have earned a professional qualification, and to be mentoring new graduates the way I hope to be mentored here.',
      keyPoints: [
        { id: 'goal', text: 'States a concrete goal', synonyms: ['i want to'] },
        { id: 'growth', text: 'Describes how they will grow', synonyms: ['qualification', 'learn'] },
        { id: 'link-to-role', text: 'Links the plan to this role', synonyms: ['here', 'this role'] },
      ],
      behavioural: false,
      followUpRules: [{ when: 'too-short', minWords: 50, prompt: 'How would you get there?' }],
      timeLimitSeconds: 120,
    },
    coveringSentences: {
      goal: 'In five years I want to have led a small team delivering a product end to end.',
      growth: 'I also plan to earn a professional qualification along the way.',
      'link-to-role':
        'I hope to be mentoring new graduates here, the way I hope to be mentored in this role.',
    },
    generalSentences: ['I have not thought about it in much detail yet.', 'I just want to keep improving.'],
  },
];

export const questionSetTitle = 'Graduate interview practice (synthetic)';
