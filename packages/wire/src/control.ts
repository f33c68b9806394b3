/**
 * JSON control messages from the browser. This checks the shape the gateway itself relies on
 * (types of the fields it reads); the field-level rules (UUIDs, lengths, ranges) are the event
 * contracts' job at append, so they are written once, in @poise/schemas.
 */

export type ConsentDecision = 'given' | 'refused';

interface Base {
  /** Optional client reference echoed in the reply, so a client can match replies to requests. */
  readonly ref?: string;
}

export type ControlMessage = Base &
  (
    | {
        readonly type: 'hello';
        readonly token?: string;
        readonly lastAck?: { readonly frame?: number | null; readonly audio?: number | null };
      }
    | {
        readonly type: 'consent';
        readonly decision: ConsentDecision;
        readonly noticeVersion: string;
        readonly noticeSha256: string;
        readonly recordVideo: boolean;
        readonly recordAudio: boolean;
        readonly expressionAnalysis: boolean;
        readonly rawMediaRetentionDays: number;
      }
    | {
        /**
         * A question of the session's question set, named by id only: its text, time limit and order
         * come from the set as it stood when the session started, never from the client.
         */
        readonly type: 'question-asked';
        readonly questionId: string;
        readonly readAloud: boolean;
        readonly offsetMs: number;
      }
    | {
        /**
         * An adaptive follow-up the room asked after an answer: the rule that fired (reason, and the key
         * point for key-point-missing). Its text is that rule's prompt in the question set.
         */
        readonly type: 'follow-up-asked';
        readonly followUpId: string;
        readonly afterAnswerId: string;
        readonly reason: string;
        readonly keyPointId?: string;
        readonly offsetMs: number;
      }
    | {
        readonly type: 'answer-started';
        readonly answerId: string;
        readonly questionId: string;
        readonly followUpId: string | null;
        readonly offsetMs: number;
      }
    | {
        readonly type: 'transcript';
        readonly answerId: string;
        readonly index: number;
        readonly text: string;
        /** Interim results are for the live display only and are not stored. */
        readonly final: boolean;
        readonly source: 'browser-speech-recognition' | 'supplied';
        readonly confidence?: number;
        readonly startOffsetMs: number;
        readonly endOffsetMs: number;
      }
    | {
        readonly type: 'answer-ended';
        readonly answerId: string;
        readonly reason: 'finished' | 'time-limit' | 'session-ended';
        readonly offsetMs: number;
      }
    | { readonly type: 'end'; readonly offsetMs: number }
  );

export type ControlType = ControlMessage['type'];

export type ControlParseResult =
  | { readonly ok: true; readonly message: ControlMessage }
  | { readonly ok: false; readonly message: string; readonly ref?: string };

type FieldKind = 'string' | 'integer' | 'number' | 'boolean';
type Spec = Record<string, readonly [FieldKind, 'required' | 'optional' | 'nullable']>;

const req = (kind: FieldKind) => [kind, 'required'] as const;

const specs: Record<Exclude<ControlType, 'hello'>, Spec> = {
  consent: {
    noticeVersion: req('string'),
    noticeSha256: req('string'),
    recordVideo: ['boolean', 'optional'],
    recordAudio: ['boolean', 'optional'],
    expressionAnalysis: ['boolean', 'optional'],
    rawMediaRetentionDays: ['integer', 'optional'],
  },
  'question-asked': {
    questionId: req('string'),
    readAloud: req('boolean'),
    offsetMs: req('integer'),
  },
  'follow-up-asked': {
    followUpId: req('string'),
    afterAnswerId: req('string'),
    reason: req('string'),
    keyPointId: ['string', 'optional'],
    offsetMs: req('integer'),
  },
  'answer-started': {
    answerId: req('string'),
    questionId: req('string'),
    followUpId: ['string', 'nullable'],
    offsetMs: req('integer'),
  },
  transcript: {
    answerId: req('string'),
    index: req('integer'),
    text: req('string'),
    final: req('boolean'),
    source: ['string', 'optional'],
    confidence: ['number', 'optional'],
    startOffsetMs: req('integer'),
    endOffsetMs: req('integer'),
  },
  'answer-ended': { answerId: req('string'), reason: req('string'), offsetMs: req('integer') },
  end: { offsetMs: req('integer') },
};

function checkField(value: unknown, kind: FieldKind): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isSafeInteger(value) && (value as number) >= 0;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
  }
}

function checkSpec(record: Record<string, unknown>, spec: Spec): string | null {
  for (const [field, [kind, presence]] of Object.entries(spec)) {
    const value = record[field];
    if (value === undefined && presence !== 'required') continue;
    if (value === null && presence === 'nullable') continue;
    if (!checkField(value, kind)) {
      const what = kind === 'integer' ? 'a non-negative integer' : `a ${kind}`;
      return `${field} must be ${what}${presence === 'nullable' ? ' or null' : ''}`;
    }
  }
  return null;
}

export function parseControlMessage(text: string): ControlParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, message: 'text message is not JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: 'message must be a JSON object' };
  }
  const record = value as Record<string, unknown>;
  const ref = typeof record.ref === 'string' && record.ref.length <= 64 ? record.ref : undefined;
  const fail = (message: string): ControlParseResult =>
    ref === undefined ? { ok: false, message } : { ok: false, message, ref };
  if (record.ref !== undefined && ref === undefined)
    return fail('ref must be a string of at most 64 characters');
  const type = record.type;
  if (type === 'hello') {
    if (record.token !== undefined && typeof record.token !== 'string') return fail('token must be a string');
    const lastAck = record.lastAck;
    if (lastAck !== undefined && (typeof lastAck !== 'object' || lastAck === null)) {
      return fail('lastAck must be an object');
    }
    return { ok: true, message: record as unknown as ControlMessage };
  }
  if (typeof type !== 'string' || !Object.hasOwn(specs, type)) {
    return fail(`unknown message type ${JSON.stringify(type)}`);
  }
  const problem = checkSpec(record, specs[type as keyof typeof specs]);
  if (problem !== null) return fail(`${type}: ${problem}`);
  if (type === 'consent' && record.decision !== 'given' && record.decision !== 'refused') {
    return fail('consent: decision must be "given" or "refused"');
  }
  if (type === 'consent' && record.decision === 'given') {
    const given = checkSpec(record, {
      recordVideo: req('boolean'),
      recordAudio: req('boolean'),
      expressionAnalysis: req('boolean'),
      rawMediaRetentionDays: req('integer'),
    });
    if (given !== null) return fail(`consent: ${given}`);
  }
  const withDefaults =
    type === 'answer-started'
      ? { followUpId: null, ...record }
      : type === 'transcript'
        ? { source: 'browser-speech-recognition', ...record }
        : record;
  return { ok: true, message: withDefaults as unknown as ControlMessage };
}
