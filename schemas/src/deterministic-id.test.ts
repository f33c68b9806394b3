import { describe, expect, it } from 'vitest';
import {
  deterministicEventId,
  NAMESPACE_DNS,
  NAMESPACE_URL,
  POISE_DERIVED_EVENT_NAMESPACE,
  uuidV5,
} from './deterministic-id';

describe('uuidV5', () => {
  it('matches the known vector uuid5(NAMESPACE_DNS, "python.org")', () => {
    expect(uuidV5(NAMESPACE_DNS, 'python.org')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
  });

  it('derives the Poise namespace as documented', () => {
    expect(uuidV5(NAMESPACE_URL, 'urn:poise:derived-event')).toBe(POISE_DERIVED_EVENT_NAMESPACE);
  });

  it('rejects a namespace that is not a UUID', () => {
    expect(() => uuidV5('poise', 'x')).toThrow(/namespace must be a lowercase UUID/);
  });
});

describe('deterministicEventId', () => {
  const source = '0b8e5f3c-4a7d-4f7e-9a53-6f3b2f7c1d20';

  it('is stable across calls, so a retried analysis appends the same id', () => {
    // Pinned: changing the derivation would duplicate every analysis retried across the change.
    expect(deterministicEventId(source, 'FrameAnalyzed')).toBe('b88660df-d32f-5f7b-9fed-ed63b2108014');
    expect(deterministicEventId(source, 'FrameAnalyzed')).toBe(deterministicEventId(source, 'FrameAnalyzed'));
  });

  it('differs per kind and per source event', () => {
    const ids = new Set([
      deterministicEventId(source, 'FrameAnalyzed'),
      deterministicEventId(source, 'StressAlertRaised'),
      deterministicEventId('1f0c6c55-8a1e-4c3e-9d7b-2b6f1a9e0c11', 'FrameAnalyzed'),
    ]);
    expect(ids.size).toBe(3);
  });

  it('rejects a source that is not an event id, and an empty kind', () => {
    expect(() => deterministicEventId('frame-7', 'FrameAnalyzed')).toThrow(
      /sourceEventId must be a lowercase UUID/,
    );
    expect(() => deterministicEventId(source, '')).toThrow(/kind must not be empty/);
  });
});
