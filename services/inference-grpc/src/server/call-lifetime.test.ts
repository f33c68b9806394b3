import { EventEmitter } from 'node:events';
import { status } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { remainingMs, watchCall } from './call-lifetime';

const fakeCall = (deadline: Date | number) =>
  Object.assign(new EventEmitter(), { cancelled: false, getDeadline: () => deadline });

describe('watchCall', () => {
  it('aborts at once, with DEADLINE_EXCEEDED, a call whose deadline passed before it started', () => {
    const lifetime = watchCall(fakeCall(new Date(Date.now() - 50)));
    expect(lifetime.signal.aborted).toBe(true);
    expect(lifetime.signal.reason).toMatchObject({
      code: status.DEADLINE_EXCEEDED,
      message: /had passed \d+ ms/,
    });
    lifetime.dispose();
  });

  it('aborts when the deadline passes during the call', async () => {
    const lifetime = watchCall(fakeCall(Date.now() + 20));
    expect(lifetime.signal.aborted).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(lifetime.signal.reason).toMatchObject({ code: status.DEADLINE_EXCEEDED });
  });

  it('aborts with CANCELLED when the client cancels, and not after dispose', () => {
    const call = fakeCall(Number.POSITIVE_INFINITY);
    const lifetime = watchCall(call);
    call.emit('cancelled');
    expect(lifetime.signal.reason).toMatchObject({ code: status.CANCELLED });

    const other = fakeCall(Number.POSITIVE_INFINITY);
    const disposed = watchCall(other);
    disposed.dispose();
    other.emit('cancelled');
    expect(disposed.signal.aborted).toBe(false);
  });

  it('treats a call without deadline as never expiring', () => {
    expect(remainingMs(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(remainingMs(new Date(1_000), 400)).toBe(600);
  });
});
