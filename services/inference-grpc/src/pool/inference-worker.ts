/**
 * Entry point of one pool thread (run through `spawnTypeScriptWorker`): its own frame and audio
 * analyzers, hence its own onnxruntime sessions, so `session.run` — which blocks the calling thread —
 * blocks this thread and never the server's event loop.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createFrameAnalyzer } from '../face/frame-analyzer';
import { createAudioAnalyzer } from '../voice/audio-analyzer';
import { serializeError } from './errors';
import type { WorkerConfig, WorkerReply, WorkerRequest } from './protocol';

if (parentPort === null) throw new Error('inference-worker.ts must run in a worker thread');
const port = parentPort;
const config = workerData as WorkerConfig;
const reply = (message: WorkerReply) => port.postMessage(message);

async function start(): Promise<void> {
  const options = { modelsDir: config.modelsDir, intraOpThreads: config.intraOpThreads };
  const [frames, audio] = await Promise.all([createFrameAnalyzer(options), createAudioAnalyzer(options)]);
  const running = new Set<Promise<void>>();

  const serve = async (request: Exclude<WorkerRequest, { kind: 'close' }>): Promise<void> => {
    try {
      const result =
        request.kind === 'frame'
          ? await frames.analyze(request.jpeg, { expressionEnabled: request.expressionEnabled })
          : await audio.analyze(request.pcm, request.sampleRate);
      reply({ kind: 'result', id: request.id, result });
    } catch (error) {
      reply({ kind: 'failed', id: request.id, error: serializeError(error) });
    }
  };

  port.on('message', (request: WorkerRequest) => {
    if (request.kind === 'close') {
      void Promise.all(running)
        .then(() => Promise.all([frames.close(), audio.close()]))
        .finally(() => port.close());
      return;
    }
    const task = serve(request).finally(() => running.delete(task));
    running.add(task);
  });
  reply({ kind: 'ready', frameModels: frames.models, audioModels: audio.models });
}

start().catch((error: unknown) => {
  // The main thread rejects the pool's creation with this; exiting non-zero would lose the reason.
  reply({ kind: 'startup-failed', error: serializeError(error) });
  port.close();
});
