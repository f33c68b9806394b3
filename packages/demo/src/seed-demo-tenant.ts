import type { EventLog, NewEvent } from '@poise/event-log';
import { createEvent, type EventMetadataInput, streamName, uuidV5 } from '@poise/schemas';
import { DEMO_TENANT_ID } from './demo-accounts';
import { demoQuestionSetTitle, demoQuestions } from './demo-question-set';

/** Fixed namespace so every demo id is the same on every machine and every start (UUIDv5). */
const DEMO_NAMESPACE = 'b3f1c2a4-5d6e-4f70-8a91-a2b3c4d5e6f7';
const demoId = (name: string) => uuidV5(DEMO_NAMESPACE, name);

const demoMetadata: EventMetadataInput = {
  tenantId: DEMO_TENANT_ID,
  actor: { kind: 'system', id: 'demo-seed' },
  correlationId: demoId('seed'),
  causationId: null,
  // Demo data is marked as such everywhere it travels, so nobody mistakes it for a real institution.
  synthetic: true,
};

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
  const batches: ReadonlyArray<[string, NewEvent[]]> = [
    [
      streamName.tenant(DEMO_TENANT_ID),
      [
        createEvent(
          'TenantCreated',
          { tenantId: DEMO_TENANT_ID, name: 'Poise Demo University (demo data)', kind: 'university' },
          demoMetadata,
          demoId('tenant/created'),
        ),
        createEvent(
          'RetentionPolicySet',
          { tenantId: DEMO_TENANT_ID, rawMediaRetentionDays: 30 },
          demoMetadata,
          demoId('tenant/retention'),
        ),
        createEvent(
          'ExpressionAnalysisPolicySet',
          {
            tenantId: DEMO_TENANT_ID,
            enabled: true,
            reason:
              'Demo tenant for consenting adults practising on their own. An institution in the EU switches this off (AI Act Art. 5(1)(f)).',
          },
          demoMetadata,
          demoId('tenant/expression-policy'),
        ),
      ],
    ],
    [
      streamName.questionset(questionSetId),
      [
        createEvent(
          'QuestionSetCreated',
          {
            questionSetId,
            title: demoQuestionSetTitle,
            description: 'Two behavioural and two motivation or knowledge questions for graduate applicants.',
            language: 'en',
          },
          demoMetadata,
          demoId('question-set/created'),
        ),
        ...demoQuestions.map((question, position) =>
          createEvent(
            'QuestionAdded',
            { questionSetId, questionId: demoId(`question/${position}`), position, question },
            demoMetadata,
            demoId(`question-set/added/${position}`),
          ),
        ),
      ],
    ],
  ];

  let appended = 0;
  for (const [stream, events] of batches) {
    const existing = await log.readStream(stream, { maxCount: 1 });
    if (existing.length > 0) continue;
    await log.append(stream, events, { expectedRevision: 'no_stream' });
    appended += events.length;
  }
  return { tenantId: DEMO_TENANT_ID, appended };
}
