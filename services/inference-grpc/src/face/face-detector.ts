import { Tensor } from 'onnxruntime-node';
import sharp from 'sharp';
import { DETECTOR_INPUT_SIZE, decodeDetections } from './blazeface-decode';
import { type ModelRunner, outputData } from './model-runner';
import type { RgbImage } from './rgb-image';

/** A detected face in working-image pixels (see decode.ts), with the detector's keypoints. */
export interface FaceDetection {
  readonly score: number;
  readonly xMin: number;
  readonly yMin: number;
  readonly xMax: number;
  readonly yMax: number;
  readonly keypoints: readonly (readonly [number, number])[];
}

/** Where the frame sits inside the square detector input. */
interface Letterbox {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Finds faces with blazeface-back. The frame is letterboxed (aspect kept, black bars) to 256×256
 * rather than stretched, as MediaPipe feeds BlazeFace, so faces keep their proportions in 16:9 and
 * portrait frames alike; libvips does the resize off the event loop.
 */
export async function detectFaces(detector: ModelRunner, image: RgbImage): Promise<FaceDetection[]> {
  const { input, letterbox } = await detectorInput(image);
  const outputs = await detector.run({
    input: new Tensor('float32', input, [1, DETECTOR_INPUT_SIZE, DETECTOR_INPUT_SIZE, 3]),
  });
  // Output names per MODEL_CARD.md: logits of the 512 then the 384 anchors, regressors likewise.
  const logits = concat(outputData(outputs, 'Identity'), outputData(outputs, 'Identity_1'));
  const regressors = concat(outputData(outputs, 'Identity_2'), outputData(outputs, 'Identity_3'));
  const sx = image.width / letterbox.width;
  const sy = image.height / letterbox.height;
  return decodeDetections(logits, regressors).map((d) => ({
    score: d.score,
    xMin: (d.xMin - letterbox.left) * sx,
    yMin: (d.yMin - letterbox.top) * sy,
    xMax: (d.xMax - letterbox.left) * sx,
    yMax: (d.yMax - letterbox.top) * sy,
    keypoints: d.keypoints.map(([x, y]) => [(x - letterbox.left) * sx, (y - letterbox.top) * sy] as const),
  }));
}

async function detectorInput(image: RgbImage): Promise<{ input: Float32Array; letterbox: Letterbox }> {
  const size = DETECTOR_INPUT_SIZE;
  const scale = size / Math.max(image.width, image.height);
  const width = Math.max(1, Math.min(size, Math.round(image.width * scale)));
  const height = Math.max(1, Math.min(size, Math.round(image.height * scale)));
  const left = Math.floor((size - width) / 2);
  const top = Math.floor((size - height) / 2);
  const { data } = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
    .resize(width, height, { fit: 'fill' })
    .extend({
      left,
      top,
      right: size - width - left,
      bottom: size - height - top,
      background: { r: 0, g: 0, b: 0 },
    })
    .raw()
    .toBuffer({ resolveWithObject: true });
  // The model was trained on pixel / 127.5 − 1, i.e. [-1, 1].
  const input = new Float32Array(size * size * 3);
  for (let i = 0; i < input.length; i++) input[i] = data[i]! / 127.5 - 1;
  return { input, letterbox: { left, top, width, height } };
}

function concat(a: Float32Array, b: Float32Array): Float32Array {
  const out = new Float32Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
