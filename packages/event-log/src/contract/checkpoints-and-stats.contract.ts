import { describe, expect, it } from 'vitest';
import type { ContractContext } from './harness';
import { newEvents, streamIn, uniquePrefix } from './support';

export function describeCheckpointsAndStatsContract(context: ContractContext): void {
  describe('checkpoints', () => {
    it('loads null for an unknown subscriber, then the last stored position', async () => {
      const { checkpoints } = context.log();
      const subscriberId = `projector-${uniquePrefix()}`;
      expect(await checkpoints.load(subscriberId)).toBeNull();
      await checkpoints.store(subscriberId, 42n);
      await checkpoints.store(subscriberId, 1_234_567_890_123n);
      expect(await checkpoints.load(subscriberId)).toBe(1_234_567_890_123n);
    });
  });

  describe('stats', () => {
    it('counts at least what was just written and reports the head position', async () => {
      const log = context.log();
      const result = await log.append(streamIn(uniquePrefix()), newEvents(3));
      const stats = await log.stats();
      expect(stats.events).toBeGreaterThanOrEqual(3);
      expect(stats.streams).toBeGreaterThanOrEqual(1);
      expect(stats.headPosition).not.toBeNull();
      expect(stats.headPosition!).toBeGreaterThanOrEqual(result.position);
    });
  });
}
