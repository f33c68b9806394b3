import { afterAll, beforeAll, describe } from 'vitest';
import type { EventLog } from '../port';
import { describeAppendContract } from './append.contract';
import { describeCheckpointsAndStatsContract } from './checkpoints-and-stats.contract';
import { describeConsumerGroupContract } from './consumer-group.contract';
import { describeDurabilityContract } from './durability.contract';
import type { ContractContext, EventLogHarness } from './harness';
import { describeReadContract } from './read.contract';
import { describeRetentionContract } from './retention.contract';
import { describeSubscriptionContract } from './subscription.contract';

export type { EventLogHarness } from './harness';

/**
 * The event-log port's contract, for every adapter. Each test writes under its own random stream
 * prefix and filters by it, so the suite also runs against a shared log that already holds data.
 */
export function describeEventLogContract(adapterName: string, harness: EventLogHarness): void {
  describe(`EventLog contract: ${adapterName}`, { timeout: 30_000 }, () => {
    let log: EventLog | undefined;
    const context: ContractContext = {
      harness,
      log: () => {
        if (!log) throw new Error('the contract log is not open');
        return log;
      },
      reopen: async () => {
        log = await harness.reopen(context.log());
        return log;
      },
    };

    beforeAll(async () => {
      log = await harness.create();
    });
    afterAll(async () => {
      if (log) await harness.dispose(log);
    });

    describeAppendContract(context);
    describeReadContract(context);
    describeSubscriptionContract(context);
    describeConsumerGroupContract(context);
    describeRetentionContract(context);
    describeCheckpointsAndStatsContract(context);
    describeDurabilityContract(context);
  });
}
