import { describe, expect, it } from 'vitest';
import { decodeMediaMessage, encodeMediaMessage, MAX_FRAME_BYTES } from './binary';

const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);

describe('binary media messages', () => {
  it('round-trips frames and audio chunks', () => {
    const frame = {
      kind: 'frame',
      sequence: 7,
      offsetMs: 1234,
      width: 640,
      height: 480,
      payload: jpeg,
    } as const;
    expect(decodeMediaMessage(encodeMediaMessage(frame))).toEqual({ ok: true, message: frame });
    const audio = {
      kind: 'audio',
      sequence: 3,
      offsetMs: 99,
      sampleRate: 16000,
      payload: new Uint8Array(4),
    } as const;
    expect(decodeMediaMessage(encodeMediaMessage(audio))).toEqual({ ok: true, message: audio });
  });

  it('names what is wrong', () => {
    const frame = (payload: Uint8Array, width = 1) =>
      decodeMediaMessage(
        encodeMediaMessage({ kind: 'frame', sequence: 1, offsetMs: 0, width, height: 1, payload }),
      );
    expect(decodeMediaMessage(new Uint8Array(5))).toMatchObject({ ok: false, code: 'bad-header' });
    expect(decodeMediaMessage(new Uint8Array(20).fill(9))).toMatchObject({ ok: false, code: 'bad-header' });
    expect(frame(new Uint8Array(MAX_FRAME_BYTES + 1).fill(0xff))).toMatchObject({
      code: 'too-large',
      sequence: 1,
    });
    expect(frame(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toMatchObject({ code: 'not-jpeg' });
    expect(frame(jpeg, 0)).toMatchObject({ code: 'bad-dimensions' });
    const audio = (bytes: number, sampleRate: number) =>
      decodeMediaMessage(
        encodeMediaMessage({
          kind: 'audio',
          sequence: 1,
          offsetMs: 0,
          sampleRate,
          payload: new Uint8Array(bytes),
        }),
      );
    expect(audio(3, 16000)).toMatchObject({ code: 'bad-audio' });
    expect(audio(4, 100)).toMatchObject({ code: 'bad-audio' });
  });
});
