export const modes = ['development', 'production', 'test'] as const;
export type Mode = (typeof modes)[number];

/** pino's levels, so the value can be handed to the logger unchanged. */
export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

export const logFormats = ['json', 'pretty'] as const;
export type LogFormat = (typeof logFormats)[number];

export type EventLogConfig = { kind: 'sqlite'; path: string } | { kind: 'esdb'; url: string };

export type ReadModelsConfig =
  | { kind: 'chdb'; path: string; database: string }
  | { kind: 'clickhouse'; url: string; user: string; password: string; database: string };

export type MediaConfig =
  | { kind: 'local'; path: string }
  | {
      kind: 's3';
      /** Unset means AWS S3 itself. */
      endpoint: string | undefined;
      region: string;
      bucket: string;
      accessKeyId: string;
      secretAccessKey: string;
      forcePathStyle: boolean;
    };

export type AuthStoreConfig = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

export interface NetworkConfig {
  host: string;
  /** Which reverse proxy's forwarded headers the console trusts (express's `trust proxy`). */
  trustProxy: 'none' | 'loopback';
  consolePort: number;
  capturePort: number;
  inferencePort: number;
  /** Health and metrics of `poise up` itself and of infrastructure-only targets. */
  opsPort: number;
  /** Where the ops server binds: loopback unless POISE_OPS_HOST says otherwise (metrics are not public). */
  opsHost: string;
  /** Where inference clients dial the gRPC server (host:port). */
  inferenceUrl: string;
  /** Base URL of the console as browsers reach it, without a trailing slash. */
  consolePublicUrl: string;
  /** Base URL of the capture gateway (interview room) as browsers reach it, without a trailing slash. */
  capturePublicUrl: string;
}

/** Everything a Poise process needs from its environment, validated; paths are absolute. */
export interface PoiseConfig {
  mode: Mode;
  dataDir: string;
  log: { level: LogLevel; format: LogFormat };
  eventLog: EventLogConfig;
  readModels: ReadModelsConfig;
  media: MediaConfig;
  authStore: AuthStoreConfig;
  network: NetworkConfig;
  inference: InferenceConfig;
  sessionSecret: string;
  demoSeed: boolean;
  sessions: SessionsConfig;
  custodian: CustodianConfig;
  mail: MailConfig;
}

export interface CustodianConfig {
  /** Minutes an unreferenced media object is kept before the orphan sweep deletes it. */
  orphanGraceMinutes: number;
}

export type MailConfig =
  | { kind: 'outbox'; from: string }
  | {
      kind: 'smtp';
      host: string;
      port: number;
      security: 'tls' | 'starttls' | 'none';
      user: string | undefined;
      password: string | undefined;
      from: string;
    };

export interface SessionsConfig {
  /** Minutes without activity after which a session is abandoned as inactive. */
  idleMinutes: number;
}

export interface InferenceConfig {
  /** Worker threads that run the models. */
  threads: number;
  /** onnxruntime threads inside one inference. */
  intraOpThreads: number;
  /** Shared token the worker sends and the gRPC server requires (authorization: Bearer <token>). */
  token: string;
}
