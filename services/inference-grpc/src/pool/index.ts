export {
  InferencePoolClosedError,
  InferencePoolOverloadedError,
  InferenceWorkerCrashedError,
} from './errors';
export {
  createInferencePool,
  type InferencePool,
  type InferencePoolOptions,
  type InferencePoolStats,
  REQUESTS_PER_THREAD,
  terminateWorkerForTesting,
} from './inference-pool';
