import { status } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { createAdmission } from './admission';
import { RequestError } from './request-error';

function gate() {
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

const never = new AbortController().signal;

describe('createAdmission', () => {
  it('runs up to maxConcurrent at once and queues the rest in order', async () => {
    const admission = createAdmission({ maxConcurrent: 2, maxQueued: 2 });
    const gates = [gate(), gate(), gate(), gate()];
    const started: number[] = [];
    const runs = gates.map((g, index) =>
      admission.run(async () => {
        started.push(index);
        await g.opened;
        return index;
      }, never),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect([admission.running, admission.queued]).toEqual([2, 2]);
    gates[1]!.open();
    await runs[1];
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    for (const g of gates) g.open();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
    expect([admission.running, admission.queued]).toEqual([0, 0]);
  });

  it('refuses at once with RESOURCE_EXHAUSTED when slots and queue are full', async () => {
    const admission = createAdmission({ maxConcurrent: 1, maxQueued: 0 });
    const held = gate();
    const first = admission.run(() => held.opened, never);
    await expect(admission.run(async () => 'never', never)).rejects.toMatchObject({
      code: status.RESOURCE_EXHAUSTED,
      message: expect.stringContaining('server overloaded'),
    });
    held.open();
    await first;
  });

  it('drops a waiter whose signal aborts, without running its work', async () => {
    const admission = createAdmission({ maxConcurrent: 1, maxQueued: 1 });
    const held = gate();
    const first = admission.run(() => held.opened, never);
    const controller = new AbortController();
    let ran = false;
    const waiting = admission.run(async () => {
      ran = true;
    }, controller.signal);
    controller.abort(new RequestError(status.CANCELLED, 'cancelled'));
    await expect(waiting).rejects.toMatchObject({ code: status.CANCELLED });
    expect(admission.queued).toBe(0);
    held.open();
    await first;
    expect(ran).toBe(false);
    expect(admission.running).toBe(0);
  });

  it('refuses work whose signal already aborted', async () => {
    const admission = createAdmission({ maxConcurrent: 1, maxQueued: 0 });
    const controller = new AbortController();
    controller.abort(new RequestError(status.DEADLINE_EXCEEDED, 'late'));
    await expect(admission.run(async () => 1, controller.signal)).rejects.toMatchObject({
      code: status.DEADLINE_EXCEEDED,
    });
    expect(admission.running).toBe(0);
  });

  it('frees the slot when work throws', async () => {
    const admission = createAdmission({ maxConcurrent: 1, maxQueued: 0 });
    await expect(admission.run(() => Promise.reject(new Error('boom')), never)).rejects.toThrow('boom');
    expect(admission.running).toBe(0);
  });

  it('rejects nonsensical limits', () => {
    expect(() => createAdmission({ maxConcurrent: 0, maxQueued: 0 })).toThrow(RangeError);
    expect(() => createAdmission({ maxConcurrent: 1, maxQueued: -1 })).toThrow(RangeError);
  });
});
