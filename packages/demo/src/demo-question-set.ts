import type { Question } from '@poise/schemas';

/**
 * The demo tenant's question set: a short, realistic mix of behavioural (scored for STAR structure)
 * and knowledge questions, with the key points, synonyms and follow-up rules staff would write.
 */
export const demoQuestionSetTitle = 'Graduate software engineer — first interview';

export const demoQuestions: readonly Question[] = [
  {
    text: 'Tell me about a time you disagreed with a teammate. What did you do?',
    expectedAnswer:
      'In my final-year project a teammate wanted to rewrite our data layer two weeks before the demo. I asked for a short meeting, listened to his reasons and laid out the risk to the deadline. We agreed to keep the current layer, fix the two bugs that worried him, and plan the rewrite after the demo. We shipped on time and the rewrite went in a month later.',
    keyPoints: [
      { id: 'situation', text: 'describes the concrete situation', synonyms: ['project', 'team', 'when'] },
      { id: 'listened', text: 'listened to the other view', synonyms: ['understood', 'asked why', 'heard'] },
      {
        id: 'agreement',
        text: 'reached an agreement or compromise',
        synonyms: ['agreed', 'compromise', 'decided'],
      },
      { id: 'outcome', text: 'states the outcome', synonyms: ['result', 'shipped', 'delivered', 'learned'] },
    ],
    behavioural: true,
    followUpRules: [
      { when: 'too-short', minWords: 60, prompt: 'Can you elaborate on what you did yourself?' },
      {
        when: 'key-point-missing',
        keyPointId: 'listened',
        prompt: "How did you make sure you understood your teammate's view?",
      },
      { when: 'no-result-stated', prompt: 'What was the result in the end?' },
    ],
    timeLimitSeconds: 180,
  },
  {
    text: 'Why do you want to work as a software engineer here?',
    expectedAnswer:
      'I enjoy turning vague problems into working software with other people. Your team builds tools that thousands of students use every day, and I want my work to have that reach. The internship taught me how much I learn from code review, and your mentoring programme is a strong reason to start my career here.',
    keyPoints: [
      {
        id: 'motivation',
        text: 'personal motivation for engineering',
        synonyms: ['enjoy', 'passion', 'like building'],
      },
      {
        id: 'company',
        text: 'something specific about the employer',
        synonyms: ['your team', 'your product', 'mission'],
      },
      { id: 'growth', text: 'how the role helps them grow', synonyms: ['learn', 'mentoring', 'develop'] },
    ],
    behavioural: false,
    followUpRules: [
      { when: 'too-short', minWords: 40, prompt: 'Could you say a little more about that?' },
      {
        when: 'key-point-missing',
        keyPointId: 'company',
        prompt: 'What in particular draws you to our team?',
      },
    ],
    timeLimitSeconds: 120,
  },
  {
    text: 'Describe a project you are proud of and the hardest problem you solved in it.',
    expectedAnswer:
      'I built a timetable planner used by my society. The hardest problem was clashes between rooms and people, which I solved by modelling it as a constraint problem and adding a small solver with tests for the awkward cases. Planning time went from an evening to a few minutes, and two other societies now use it.',
    keyPoints: [
      { id: 'project', text: 'what the project was and who used it', synonyms: ['built', 'app', 'tool'] },
      { id: 'problem', text: 'names a specific hard problem', synonyms: ['difficult', 'challenge', 'bug'] },
      {
        id: 'approach',
        text: 'explains their own approach',
        synonyms: ['solved', 'designed', 'implemented'],
      },
      { id: 'impact', text: 'measurable result', synonyms: ['users', 'faster', 'reduced', 'saved'] },
    ],
    behavioural: true,
    followUpRules: [
      { when: 'too-short', minWords: 60, prompt: 'Can you walk me through how you approached it?' },
      {
        when: 'key-point-missing',
        keyPointId: 'impact',
        prompt: 'What difference did it make for the people using it?',
      },
      { when: 'no-result-stated', prompt: 'How did it turn out?' },
    ],
    timeLimitSeconds: 180,
  },
  {
    text: 'What is the difference between a process and a thread?',
    expectedAnswer:
      'A process is a running program with its own address space and resources; the operating system isolates processes from each other. Threads run inside a process and share its memory, so they are cheaper to create and switch between and can communicate directly, but shared memory needs synchronisation such as locks to avoid race conditions.',
    keyPoints: [
      {
        id: 'address-space',
        text: 'processes have separate memory',
        synonyms: ['own memory', 'isolated', 'address space'],
      },
      {
        id: 'shared-memory',
        text: 'threads share the memory of their process',
        synonyms: ['share memory', 'same memory'],
      },
      {
        id: 'cost',
        text: 'threads are lighter to create and switch',
        synonyms: ['cheaper', 'lightweight', 'faster'],
      },
      {
        id: 'synchronisation',
        text: 'shared state needs synchronisation',
        synonyms: ['locks', 'mutex', 'race condition'],
      },
    ],
    behavioural: false,
    followUpRules: [
      {
        when: 'key-point-missing',
        keyPointId: 'synchronisation',
        prompt: 'What can go wrong when threads share memory?',
      },
    ],
    timeLimitSeconds: 120,
  },
];
