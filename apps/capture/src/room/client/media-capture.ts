/// <reference lib="dom" />
/**
 * Camera and microphone: getUserMedia with errors a person can act on, frames drawn to a 320×240
 * canvas and encoded as JPEG at 5 fps, and microphone samples handed on in blocks (AudioWorklet,
 * or the older ScriptProcessor where worklets are missing).
 */
import { FRAME_HEIGHT, FRAME_RATE, FRAME_WIDTH } from './notice';

export interface MediaProblem {
  readonly name: string;
  readonly title: string;
  readonly advice: string;
}

/** What went wrong with getUserMedia, in words; keyed by the DOMException name. */
export function explainMediaError(error: unknown): MediaProblem {
  const name = error instanceof DOMException || error instanceof Error ? error.name : 'Error';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return {
        name: 'NotAllowedError',
        title: 'Camera and microphone are blocked',
        advice:
          'Your browser (or your system settings) refused access. Allow the camera and microphone for this ' +
          'site — usually from the icon at the left of the address bar — then press Retry.',
      };
    case 'NotFoundError':
    case 'OverconstrainedError':
      return {
        name: 'NotFoundError',
        title: 'No camera or microphone found',
        advice: 'Connect a camera and a microphone (or enable the built-in ones), then press Retry.',
      };
    case 'NotReadableError':
    case 'AbortError':
      return {
        name: 'NotReadableError',
        title: 'The camera or microphone is busy',
        advice:
          'Another application or browser tab is using it (a video call, for example). Close it, then press Retry.',
      };
    default:
      return {
        name,
        title: 'The camera or microphone could not be started',
        advice: `The browser said: ${error instanceof Error ? error.message : String(error)}. Press Retry to try again.`,
      };
  }
}

export async function openCameraAndMicrophone(): Promise<MediaStream> {
  if (navigator.mediaDevices?.getUserMedia === undefined) {
    throw new DOMException(
      'This page is not in a secure context, or the browser has no media devices.',
      'SecurityError',
    );
  }
  return navigator.mediaDevices.getUserMedia({
    video: { width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 15 } },
    audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true },
  });
}

/** Draws the video onto a 320×240 canvas FRAME_RATE times a second and hands over each JPEG. */
export function startFrameLoop(
  video: HTMLVideoElement,
  onFrame: (jpeg: Uint8Array, width: number, height: number) => void,
  shouldCapture: () => boolean,
): () => void {
  const canvas = document.createElement('canvas');
  canvas.width = FRAME_WIDTH;
  canvas.height = FRAME_HEIGHT;
  const context = canvas.getContext('2d');
  let encoding = false;
  const timer = setInterval(() => {
    // One JPEG at a time: a slow encoder drops a tick rather than piling frames up.
    if (encoding || context === null || video.readyState < 2 || !shouldCapture()) return;
    encoding = true;
    context.drawImage(video, 0, 0, FRAME_WIDTH, FRAME_HEIGHT);
    canvas.toBlob(
      (blob) => {
        if (blob === null) {
          encoding = false;
          return;
        }
        blob.arrayBuffer().then(
          (buffer) => {
            encoding = false;
            onFrame(new Uint8Array(buffer), FRAME_WIDTH, FRAME_HEIGHT);
          },
          () => {
            encoding = false;
          },
        );
      },
      'image/jpeg',
      0.7,
    );
  }, 1000 / FRAME_RATE);
  return () => clearInterval(timer);
}

export interface MicrophoneTap {
  readonly sampleRate: number;
  stop(): Promise<void>;
}

/** Feeds blocks of mono float samples at the context's rate to `onSamples`. */
export async function tapMicrophone(
  stream: MediaStream,
  onSamples: (samples: Float32Array) => void,
): Promise<MicrophoneTap> {
  const context = new AudioContext();
  if (context.state === 'suspended') await context.resume();
  const source = context.createMediaStreamSource(stream);
  // Nodes only run when pulled by the destination; a muted gain keeps the mic out of the speakers.
  const mute = context.createGain();
  mute.gain.value = 0;
  mute.connect(context.destination);
  let node: AudioNode;
  if (context.audioWorklet !== undefined) {
    await context.audioWorklet.addModule('/room/assets/pcm-worklet.js');
    const worklet = new AudioWorkletNode(context, 'pcm-capture', { numberOfInputs: 1, numberOfOutputs: 1 });
    worklet.port.onmessage = (event: MessageEvent<Float32Array>) => onSamples(event.data);
    node = worklet;
  } else {
    const processor = context.createScriptProcessor(4096, 1, 1);
    processor.onaudioprocess = (event) => onSamples(new Float32Array(event.inputBuffer.getChannelData(0)));
    node = processor;
  }
  source.connect(node);
  node.connect(mute);
  return {
    sampleRate: context.sampleRate,
    async stop() {
      source.disconnect();
      node.disconnect();
      await context.close();
    },
  };
}
