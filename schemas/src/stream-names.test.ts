import { describe, expect, it } from 'vitest';
import {
  assertStreamName,
  parseStreamName,
  StreamNameError,
  streamKinds,
  streamName,
  streamPrefix,
} from './stream-names';

const sessionId = '1f0c6c55-8a1e-4c3e-9d7b-2b6f1a9e0c11';

describe('stream names', () => {
  it('builds and parses back every kind', () => {
    for (const kind of streamKinds) {
      const id = kind === 'tenant' || kind === 'audit' ? 'leeds-careers' : sessionId;
      const name = streamName[kind](id);
      expect(name).toBe(`${kind}-${id}`);
      expect(name.startsWith(streamPrefix[kind])).toBe(true);
      expect(parseStreamName(name)).toEqual({ kind, id });
    }
  });

  it('keeps hyphens of tenant slugs in the id', () => {
    expect(parseStreamName('audit-uni-of-leeds')).toEqual({ kind: 'audit', id: 'uni-of-leeds' });
  });

  it('accepts a lowercase UUID as a tenant slug', () => {
    expect(parseStreamName(`tenant-${sessionId}`)).toEqual({ kind: 'tenant', id: sessionId });
  });

  it.each([
    ['session', /must be "<kind>-<id>" with the kind one of session, capture/],
    ['sessions-1f0c6c55-8a1e-4c3e-9d7b-2b6f1a9e0c11', /with the kind one of/],
    ['session-', /must be a lowercase UUID, got ""/],
    ['session-1F0C6C55-8A1E-4C3E-9D7B-2B6F1A9E0C11', /session stream must be a lowercase UUID/],
    ['user-leeds-careers', /user stream must be a lowercase UUID/],
    ['tenant-Leeds', /tenant stream must be a tenant slug/],
    ['audit-leeds--careers', /audit stream must be a tenant slug/],
    ['audit-x', /tenant slug/],
  ])('rejects %s naming the problem', (name, problem) => {
    expect(() => parseStreamName(name)).toThrow(StreamNameError);
    expect(() => assertStreamName(name)).toThrow(problem);
  });

  it('refuses to build a name that would not parse', () => {
    expect(() => streamName.capture('not-a-uuid')).toThrow(/capture stream must be a lowercase UUID/);
    expect(() => streamName.audit('Leeds Careers')).toThrow(/audit stream must be a tenant slug/);
  });
});
