import { describe, expect, it } from 'vitest';
import { checkpointStream, consumerGroupStream, isLogEvent, parkedStream } from './internal-streams';

describe('internal streams', () => {
  it('names the bookkeeping streams', () => {
    expect(checkpointStream('projector')).toBe('poise-checkpoint-projector');
    expect(consumerGroupStream('workers')).toBe('poise-consumer-group-workers');
    expect(parkedStream('workers')).toBe('$persistentsubscription-$all::workers-parked');
  });

  it('keeps system events and bookkeeping out of the log', () => {
    expect(isLogEvent('session-1', 'SessionStarted')).toBe(true);
    expect(isLogEvent('$stats-127.0.0.1:2113', '$statsCollected')).toBe(false);
    expect(isLogEvent('$$session-1', '$metadata')).toBe(false);
    expect(isLogEvent('session-1', '$>')).toBe(false);
    expect(isLogEvent(checkpointStream('projector'), 'PoiseCheckpointStored')).toBe(false);
    expect(isLogEvent(consumerGroupStream('workers'), 'PoiseConsumerGroupFilterSet')).toBe(false);
  });
});
