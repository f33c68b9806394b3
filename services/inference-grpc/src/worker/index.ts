export {
  DEFAULT_CALL_TIMEOUT_MS,
  INFERENCE_WORKER_EVENT_TYPES,
  INFERENCE_WORKER_GROUP,
  type InferenceWorker,
  type InferenceWorkerOptions,
  startInferenceWorker,
} from './start-inference-worker';
