/**
 * AudioWorklet processor (its own bundle, loaded with audioWorklet.addModule): copies the mic's
 * 128-sample render quanta into blocks of 2048 and posts each block to the page.
 */
declare function registerProcessor(name: string, processor: new () => object): void;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}

const BLOCK = 2048;

class PcmCapture extends AudioWorkletProcessor {
  private block = new Float32Array(BLOCK);
  private filled = 0;

  process(inputs: Float32Array[][]): boolean {
    const channel = inputs[0]?.[0];
    if (channel === undefined) return true;
    let read = 0;
    while (read < channel.length) {
      const take = Math.min(channel.length - read, BLOCK - this.filled);
      this.block.set(channel.subarray(read, read + take), this.filled);
      this.filled += take;
      read += take;
      if (this.filled === BLOCK) {
        this.port.postMessage(this.block, [this.block.buffer]);
        this.block = new Float32Array(BLOCK);
        this.filled = 0;
      }
    }
    return true;
  }
}

registerProcessor('pcm-capture', PcmCapture);
