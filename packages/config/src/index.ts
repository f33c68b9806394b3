export { ConfigError, type ConfigIssue } from './config-error';
export { type ConfigVariableDescription, configTableMarkdown, describeConfig } from './describe-config';
export type { Env } from './env-reader';
export { DEVELOPMENT_SESSION_SECRET, loadConfig } from './load-config';
export type {
  AuthStoreConfig,
  CustodianConfig,
  EventLogConfig,
  InferenceConfig,
  LogFormat,
  LogLevel,
  MailConfig,
  MediaConfig,
  Mode,
  NetworkConfig,
  PoiseConfig,
  ReadModelsConfig,
  SessionsConfig,
} from './poise-config';
