import type { DemoPhoto } from '@poise/demo';
/**
 * The demo candidate's three recorded practice sessions: what they say in each answer. The
 * first is hesitant and thin, the last close to the model answers, so the console shows progress.
 * The same text is spoken by espeak-ng and supplied as the transcript.
 */
export interface DemoAnswer {
  /** 1-based place of the question in the demo question set. */
  readonly ordinal: number;
  readonly words: string;
}

export interface DemoRecording {
  readonly name: string;
  readonly startedAt: string;
  /** Which demo portrait's variants make the frames. */
  readonly photo: DemoPhoto;
  readonly answers: readonly DemoAnswer[];
}

export const demoRecordings: readonly DemoRecording[] = [
  {
    name: 'first-try',
    startedAt: '2026-09-14T09:30:00.000Z',
    photo: 'collins',
    answers: [
      {
        ordinal: 1,
        words:
          'Um, so, a teammate wanted to do things differently, and I, like, did not agree. We sort of talked about it and then we just carried on.',
      },
      {
        ordinal: 2,
        words: 'I like computers and, um, I think this would be a good job for me, basically.',
      },
    ],
  },
  {
    name: 'second-week',
    startedAt: '2026-10-12T16:00:00.000Z',
    photo: 'collins',
    answers: [
      {
        ordinal: 3,
        words:
          'I built a timetable planner for my society. The hardest problem was clashes between rooms and people. I wrote a small solver and tests for the awkward cases, so it mostly works now.',
      },
      {
        ordinal: 4,
        words:
          'A process has its own memory and the operating system keeps processes apart. Threads live inside one process and share its memory, so they are cheaper to start.',
      },
    ],
  },
  {
    name: 'interview-ready',
    startedAt: '2026-11-09T11:15:00.000Z',
    photo: 'collins',
    answers: [
      {
        ordinal: 1,
        words:
          'In my final year project a teammate wanted to rewrite our data layer two weeks before the demo. I asked for a short meeting and listened to his reasons, then explained the risk to the deadline. We agreed to fix the two bugs that worried him and plan the rewrite after the demo. As a result we shipped on time, and the rewrite went in a month later.',
      },
      {
        ordinal: 2,
        words:
          'I enjoy turning vague problems into working software with other people. Your team builds tools that thousands of students use every day, and I want my work to have that reach. Your mentoring programme would help me learn and develop quickly.',
      },
    ],
  },
];
