import { describe, expect, it } from 'vitest';
import { toClientConnectionString } from './connection-string';

describe('toClientConnectionString', () => {
  it('rewrites KurrentDB schemes to the esdb scheme client 6.2 accepts', () => {
    expect(toClientConnectionString('kurrentdb://localhost:2113?tls=false')).toBe(
      'esdb://localhost:2113?tls=false',
    );
    expect(toClientConnectionString('kurrentdb+discover://admin:changeit@cluster.local:2113')).toBe(
      'esdb+discover://admin:changeit@cluster.local:2113',
    );
    expect(toClientConnectionString('kdb://node:2113')).toBe('esdb://node:2113');
  });

  it('leaves esdb URLs, and the rest of any URL, alone', () => {
    expect(toClientConnectionString('esdb://localhost:2113?tls=false')).toBe(
      'esdb://localhost:2113?tls=false',
    );
    expect(toClientConnectionString('esdb://kurrentdb://weird')).toBe('esdb://kurrentdb://weird');
  });
});
