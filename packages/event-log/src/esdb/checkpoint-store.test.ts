import { describe, expect, it } from 'vitest';
import { EventLogError } from '../errors';
import { checkpointPosition } from './checkpoint-store';

describe('checkpointPosition', () => {
  it('reads back every digit of a stored position', () => {
    expect(checkpointPosition({ position: '18446744073709551615' })).toBe(18_446_744_073_709_551_615n);
    expect(checkpointPosition({ position: '0' })).toBe(0n);
  });

  it('refuses a checkpoint event without a position', () => {
    expect(() => checkpointPosition({ position: 42 })).toThrow(EventLogError);
    expect(() => checkpointPosition({ position: '-1' })).toThrow(EventLogError);
    expect(() => checkpointPosition(null)).toThrow(EventLogError);
  });
});
