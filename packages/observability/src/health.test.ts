import { describe, expect, it } from 'vitest';
import { runHealthChecks } from './health';

describe('runHealthChecks', () => {
  it('reports each probe by name, turning throws into failed checks', async () => {
    const report = await runHealthChecks({
      eventLog: async () => 'appended and read back',
      media: async () => {
        throw new Error('bucket poise-media not found');
      },
    });
    expect(report).toEqual({
      eventLog: { ok: true, detail: 'appended and read back' },
      media: { ok: false, detail: 'bucket poise-media not found' },
    });
  });

  it('fails a probe that does not answer in time without waiting for it', async () => {
    const started = Date.now();
    const report = await runHealthChecks({ stuck: () => new Promise(() => {}) }, { timeoutMs: 20 });
    expect(report).toEqual({ stuck: { ok: false, detail: 'no answer within 20 ms' } });
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
