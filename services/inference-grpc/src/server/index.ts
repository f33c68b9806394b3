export { AUTHORIZATION_METADATA, tokenMetadata } from './call-guard';
export type { InferenceAnalyzers } from './inference-service';
export { DEFAULT_MAX_MESSAGE_BYTES } from './limits';
export {
  DEFAULT_SHUTDOWN_GRACE_MS,
  INFERENCE_SERVICE_NAME,
  type InferenceServer,
  type InferenceServerOptions,
  startInferenceServer,
} from './start-inference-server';
