import { describe, expect, it } from 'vitest';
import { decodeParkReason, encodeParkReason } from './park-reason';

/** The parked link's metadata as the server writes it for a client's nack 'park'. */
function parkedByClient(sent: string) {
  return {
    added: '2025-03-01T10:00:00Z',
    reason: `Client explicitly NAK'ed message.\n${sent}`,
    subscriptionEventNumber: 3,
  };
}

describe('park reasons', () => {
  it("round-trips a member's reason and retry count through the server's wording", () => {
    const metadata = parkedByClient(encodeParkReason('cannot decode frame', 2));
    expect(decodeParkReason(metadata)).toEqual({ reason: 'cannot decode frame', retryCount: 2 });
  });

  it('reads the retry count out of a park for too many retries', () => {
    expect(decodeParkReason({ reason: 'Reached retry count of 4' })).toEqual({
      reason: 'Reached retry count of 4',
      retryCount: 4,
    });
  });

  it('keeps the plain reason of another client, and reads PascalCase metadata', () => {
    expect(decodeParkReason(parkedByClient('bad payload'))).toEqual({ reason: 'bad payload', retryCount: 0 });
    expect(decodeParkReason({ Reason: 'Reached retry count of 1' })).toEqual({
      reason: 'Reached retry count of 1',
      retryCount: 1,
    });
  });

  it('copes with metadata that says nothing', () => {
    expect(decodeParkReason(undefined)).toEqual({ reason: '', retryCount: 0 });
  });
});
