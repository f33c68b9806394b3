import { type CommandContext, type DecidedEvent, startStream } from '@poise/domain';
import type { EventLog } from '@poise/event-log';
import { streamName, uuidV5 } from '@poise/schemas';
import { DEMO_TENANT_ID } from './demo-accounts';
import { demoQuestionSetTitle, demoQuestions } from './demo-question-set';

/** Fixed namespace so every demo id is the same on every machine and every start (UUIDv5). */
const DEMO_NAMESPACE = 'b3f1c2a4-5d6e-4f70-8a91-a2b3c4d5e6f7';
const demoId = (name: string) => uuidV5(DEMO_NAMESPACE, name);

/** The seed's context, with each event's id named (deterministic, so a rerun is a retry). */
function seedContext(eventNames: readonly string[]): CommandContext {
  return {
    tenantId: DEMO_TENANT_ID,
    actor: { kind: 'system', id: 'demo-seed' },
    correlationId: demoId('seed'),
    causationId: null,
    // Demo data is marked as such everywhere it travels, so nobody mistakes it for a real institution.
    synthetic: true,
    eventId: (_event, index) => demoId(eventNames[index]!),
  };
}

interface SeededStream {
  readonly stream: string;
  /** Each event with the name its id derives from. */
  readonly events: ReadonlyArray<readonly [string, DecidedEvent]>;
}

export interface SeedResult {
  readonly tenantId: string;
  /** Events appended by this call: 0 when the demo tenant was already there. */
  readonly appended: number;
}

/**
 * Seeds the demo tenant, its policies and a question set. Safe on every start: each stream is written
 * once (`no_stream`), with deterministic ids, so a second start or a concurrent one appends nothing.
 */
export async function seedDemoTenant(log: EventLog): Promise<SeedResult> {
  const questionSetId = demoId('question-set/graduate-software-engineer');
  const streams: readonly SeededStream[] = [
    {
      stream: streamName.tenant(DEMO_TENANT_ID),
      events: [
        [
          'tenant/created',
          {
            type: 'TenantCreated',
            data: { tenantId: DEMO_TENANT_ID, name: 'Poise Demo University (demo data)', kind: 'university' },
          },
        ],
        [
          'tenant/retention',
          { type: 'RetentionPolicySet', data: { tenantId: DEMO_TENANT_ID, rawMediaRetentionDays: 30 } },
        ],
        [
          'tenant/expression-policy',
          {
            type: 'ExpressionAnalysisPolicySet',
            data: {
              tenantId: DEMO_TENANT_ID,
              enabled: true,
              reason:
                'Demo tenant for consenting adults practising on their own. An institution in the EU switches this off (AI Act Art. 5(1)(f)).',
            },
          },
        ],
      ],
    },
    {
      stream: streamName.questionset(questionSetId),
      events: [
        [
          'question-set/created',
          {
            type: 'QuestionSetCreated',
            data: {
              questionSetId,
              title: demoQuestionSetTitle,
              description:
                'Two behavioural and two motivation or knowledge questions for graduate applicants.',
              language: 'en',
            },
          },
        ],
        ...demoQuestions.map(
          (question, position) =>
            [
              `question-set/added/${position}`,
              {
                type: 'QuestionAdded',
                data: { questionSetId, questionId: demoId(`question/${position}`), position, question },
              },
            ] as const,
        ),
      ],
    },
  ];

  let appended = 0;
  for (const { stream, events } of streams) {
    const existing = await log.readStream(stream, { maxCount: 1 });
    if (existing.length > 0) continue;
    const names = events.map(([name]) => name);
    const written = await startStream(
      log,
      stream,
      events.map(([, event]) => event),
      seedContext(names),
    );
    appended += written?.length ?? 0;
  }
  return { tenantId: DEMO_TENANT_ID, appended };
}
