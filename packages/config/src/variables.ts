import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import {
  bucketName,
  esdbUrl,
  type Format,
  flag,
  grpcTarget,
  host,
  httpUrl,
  identifier,
  mailAddress,
  minutes,
  oneOf,
  path,
  port,
  postgresUrl,
  publicUrl,
  sessionSecret,
  text,
  threadCount,
} from './formats';
import { logFormats, logLevels, modes } from './poise-config';

/** Reads another variable's effective value, so one default can follow another (paths follow the data dir). */
export type Lookup = <U>(variable: DefaultedVariable<U>) => U;

interface VariableBase<T> {
  readonly name: string;
  readonly description: string;
  readonly format: Format<T>;
  /** Never echoed in error messages. */
  readonly secret?: boolean;
}

/** No default: either truly optional or required only in some setups (said in its description). */
export interface OptionalVariable<T> extends VariableBase<T> {
  readonly defaultText?: string;
}

/** The fallback is raw text parsed like a given value, so defaults obey the same rules as settings. */
export type DefaultedVariable<T> = VariableBase<T> &
  (
    | { readonly fallback: string; readonly defaultText?: string }
    | { readonly fallback: (lookup: Lookup) => string; readonly defaultText: string }
  );

export type Variable<T> = OptionalVariable<T> | DefaultedVariable<T>;

const isDevelopment = (lookup: Lookup) => lookup(NODE_ENV) === 'development';
const inDataDir = (file: string) => (lookup: Lookup) => join(lookup(POISE_DATA_DIR), file);

export const NODE_ENV: DefaultedVariable<(typeof modes)[number]> = {
  name: 'NODE_ENV',
  format: oneOf(modes),
  fallback: 'development',
  description: 'Mode; picks the defaults that say "in development" or "in production".',
};

export const POISE_DATA_DIR: DefaultedVariable<string> = {
  name: 'POISE_DATA_DIR',
  format: path,
  fallback: './data',
  description: 'Directory holding the embedded stores; the default paths below live in it.',
};

export const POISE_LOG_LEVEL: DefaultedVariable<(typeof logLevels)[number]> = {
  name: 'POISE_LOG_LEVEL',
  format: oneOf(logLevels),
  fallback: 'info',
  description: `Lowest level logged: ${logLevels.join(', ')}.`,
};

export const POISE_LOG_FORMAT: DefaultedVariable<(typeof logFormats)[number]> = {
  name: 'POISE_LOG_FORMAT',
  format: oneOf(logFormats),
  fallback: (lookup) => (isDevelopment(lookup) ? 'pretty' : 'json'),
  defaultText: 'pretty in development, json otherwise',
  description: 'Log lines as JSON (for collectors) or pretty-printed (for people).',
};

export const POISE_EVENT_LOG: DefaultedVariable<'sqlite' | 'esdb'> = {
  name: 'POISE_EVENT_LOG',
  format: oneOf(['sqlite', 'esdb']),
  fallback: 'sqlite',
  description: 'Event log adapter: embedded SQLite file or EventStoreDB/KurrentDB.',
};

export const POISE_EVENT_LOG_PATH: DefaultedVariable<string> = {
  name: 'POISE_EVENT_LOG_PATH',
  format: path,
  fallback: inDataDir('events.db'),
  defaultText: '$POISE_DATA_DIR/events.db',
  description: 'SQLite file of the event log when POISE_EVENT_LOG=sqlite.',
};

export const POISE_ESDB_URL: OptionalVariable<string> = {
  name: 'POISE_ESDB_URL',
  format: esdbUrl,
  description:
    'EventStoreDB/KurrentDB connection string, e.g. esdb://localhost:2113?tls=false. Required when ' +
    'POISE_EVENT_LOG=esdb; kurrentdb:// is refused because @eventstore/db-client rejects it.',
};

export const POISE_READ_MODELS: DefaultedVariable<'chdb' | 'clickhouse'> = {
  name: 'POISE_READ_MODELS',
  format: oneOf(['chdb', 'clickhouse']),
  fallback: 'chdb',
  description: 'Read-model engine: chDB in-process or a ClickHouse server.',
};

export const POISE_CHDB_PATH: DefaultedVariable<string> = {
  name: 'POISE_CHDB_PATH',
  format: path,
  fallback: inDataDir('clickhouse'),
  defaultText: '$POISE_DATA_DIR/clickhouse',
  description: 'chDB data directory when POISE_READ_MODELS=chdb (one process per directory).',
};

export const POISE_CLICKHOUSE_URL: OptionalVariable<string> = {
  name: 'POISE_CLICKHOUSE_URL',
  format: httpUrl,
  description:
    'ClickHouse HTTP endpoint, e.g. http://clickhouse:8123. Required when POISE_READ_MODELS=clickhouse.',
};

export const POISE_CLICKHOUSE_USER: DefaultedVariable<string> = {
  name: 'POISE_CLICKHOUSE_USER',
  format: text,
  fallback: 'default',
  description: 'ClickHouse user.',
};

export const POISE_CLICKHOUSE_PASSWORD: DefaultedVariable<string> = {
  name: 'POISE_CLICKHOUSE_PASSWORD',
  format: text,
  fallback: '',
  defaultText: '(empty)',
  secret: true,
  description: 'ClickHouse password.',
};

export const POISE_CLICKHOUSE_DATABASE: DefaultedVariable<string> = {
  name: 'POISE_CLICKHOUSE_DATABASE',
  format: identifier,
  fallback: 'poise',
  description: 'Database holding the read models (chDB and ClickHouse alike).',
};

export const POISE_MEDIA: DefaultedVariable<'local' | 's3'> = {
  name: 'POISE_MEDIA',
  format: oneOf(['local', 's3']),
  fallback: 'local',
  description: 'Media store: local directory or S3-compatible object storage.',
};

export const POISE_MEDIA_PATH: DefaultedVariable<string> = {
  name: 'POISE_MEDIA_PATH',
  format: path,
  fallback: inDataDir('media'),
  defaultText: '$POISE_DATA_DIR/media',
  description: 'Media directory when POISE_MEDIA=local.',
};

export const POISE_S3_ENDPOINT: OptionalVariable<string> = {
  name: 'POISE_S3_ENDPOINT',
  format: httpUrl,
  defaultText: 'AWS S3',
  description: 'S3-compatible endpoint, e.g. http://minio:9000.',
};

export const POISE_S3_REGION: DefaultedVariable<string> = {
  name: 'POISE_S3_REGION',
  format: text,
  fallback: 'us-east-1',
  description: 'S3 region.',
};

export const POISE_S3_BUCKET: OptionalVariable<string> = {
  name: 'POISE_S3_BUCKET',
  format: bucketName,
  description: 'Bucket of the media store. Required when POISE_MEDIA=s3.',
};

export const POISE_S3_ACCESS_KEY_ID: OptionalVariable<string> = {
  name: 'POISE_S3_ACCESS_KEY_ID',
  format: text,
  description: 'S3 access key id. Required when POISE_MEDIA=s3.',
};

export const POISE_S3_SECRET_ACCESS_KEY: OptionalVariable<string> = {
  name: 'POISE_S3_SECRET_ACCESS_KEY',
  format: text,
  secret: true,
  description: 'S3 secret access key. Required when POISE_MEDIA=s3.',
};

export const POISE_S3_FORCE_PATH_STYLE: DefaultedVariable<boolean> = {
  name: 'POISE_S3_FORCE_PATH_STYLE',
  format: flag,
  fallback: 'false',
  description: 'Address buckets as endpoint/bucket instead of bucket.endpoint (MinIO needs true).',
};

export const POISE_ORPHAN_GRACE_MINUTES: DefaultedVariable<number> = {
  name: 'POISE_ORPHAN_GRACE_MINUTES',
  format: minutes,
  fallback: '60',
  description:
    'Media no event refers to is deleted (at start and hourly) once older than this; must exceed the time from storing a frame to appending its event.',
};

export const POISE_AUTH_STORE: DefaultedVariable<'sqlite' | 'postgres'> = {
  name: 'POISE_AUTH_STORE',
  format: oneOf(['sqlite', 'postgres']),
  fallback: 'sqlite',
  description: 'Store of users and sessions: embedded SQLite file or PostgreSQL.',
};

export const POISE_AUTH_DB_PATH: DefaultedVariable<string> = {
  name: 'POISE_AUTH_DB_PATH',
  format: path,
  fallback: inDataDir('auth.db'),
  defaultText: '$POISE_DATA_DIR/auth.db',
  description: 'SQLite file of the auth store when POISE_AUTH_STORE=sqlite.',
};

export const POISE_POSTGRES_URL: OptionalVariable<string> = {
  name: 'POISE_POSTGRES_URL',
  format: postgresUrl,
  secret: true,
  description: 'PostgreSQL connection URL of the auth store. Required when POISE_AUTH_STORE=postgres.',
};

export const POISE_HOST: DefaultedVariable<string> = {
  name: 'POISE_HOST',
  format: host,
  fallback: (lookup) => (lookup(NODE_ENV) === 'production' ? '0.0.0.0' : '127.0.0.1'),
  defaultText: '0.0.0.0 in production, 127.0.0.1 otherwise',
  description: 'Address every Poise server binds.',
};

export const POISE_TRUST_PROXY: DefaultedVariable<'none' | 'loopback'> = {
  name: 'POISE_TRUST_PROXY',
  format: oneOf(['none', 'loopback']),
  fallback: (lookup) => (lookup(NODE_ENV) === 'production' ? 'loopback' : 'none'),
  defaultText: 'loopback in production, none otherwise',
  description:
    "Whose X-Forwarded-For/-Proto the console believes: loopback trusts a reverse proxy on the same machine (the client's address then feeds the throttles); none trusts no one.",
};

export const POISE_CONSOLE_PORT: DefaultedVariable<number> = {
  name: 'POISE_CONSOLE_PORT',
  format: port,
  fallback: '3000',
  description: 'Console (Remix) HTTP port.',
};

export const POISE_CAPTURE_PORT: DefaultedVariable<number> = {
  name: 'POISE_CAPTURE_PORT',
  format: port,
  fallback: '3001',
  description: 'Capture gateway and interview room HTTP/WebSocket port.',
};

export const POISE_CONSOLE_PUBLIC_URL: DefaultedVariable<string> = {
  name: 'POISE_CONSOLE_PUBLIC_URL',
  format: publicUrl,
  fallback: (lookup) => `http://localhost:${lookup(POISE_CONSOLE_PORT)}`,
  defaultText: 'http://localhost:$POISE_CONSOLE_PORT',
  description:
    'Base URL browsers open the console at (behind a proxy: its public https:// address); the interview room links back to reports there.',
};

export const POISE_CAPTURE_PUBLIC_URL: DefaultedVariable<string> = {
  name: 'POISE_CAPTURE_PUBLIC_URL',
  format: publicUrl,
  fallback: (lookup) => `http://localhost:${lookup(POISE_CAPTURE_PORT)}`,
  defaultText: 'http://localhost:$POISE_CAPTURE_PORT',
  description:
    'Base URL browsers open the interview room at (the capture gateway); the console sends candidates to <url>/room.',
};

export const POISE_INFERENCE_PORT: DefaultedVariable<number> = {
  name: 'POISE_INFERENCE_PORT',
  format: port,
  fallback: '50051',
  description: 'Inference gRPC server port.',
};

export const POISE_OPS_PORT: DefaultedVariable<number> = {
  name: 'POISE_OPS_PORT',
  format: port,
  fallback: '9464',
  description: 'GET /healthz and /metrics of `poise up` itself and of infrastructure-only targets.',
};

export const POISE_OPS_HOST: DefaultedVariable<string> = {
  name: 'POISE_OPS_HOST',
  format: host,
  fallback: '127.0.0.1',
  description:
    'Address the ops server (/healthz, /metrics) binds: loopback in every mode, so metrics are never public; 0.0.0.0 only where a firewall or a container network keeps the port private.',
};

export const POISE_INFERENCE_URL: DefaultedVariable<string> = {
  name: 'POISE_INFERENCE_URL',
  format: grpcTarget,
  fallback: (lookup) => `localhost:${lookup(POISE_INFERENCE_PORT)}`,
  defaultText: 'localhost:$POISE_INFERENCE_PORT (localhost:50051)',
  description: 'gRPC target the inference worker dials.',
};

export const POISE_INFERENCE_THREADS: DefaultedVariable<number> = {
  name: 'POISE_INFERENCE_THREADS',
  format: threadCount,
  fallback: () => String(Math.min(64, availableParallelism())),
  defaultText: 'the number of CPU cores',
  description:
    'Worker threads running the models (onnxruntime runs synchronously, so inference stays off the event loop).',
};

export const POISE_ONNX_INTRA_OP_THREADS: DefaultedVariable<number> = {
  name: 'POISE_ONNX_INTRA_OP_THREADS',
  format: threadCount,
  fallback: '1',
  description:
    'Threads onnxruntime may use inside one inference; throughput comes from POISE_INFERENCE_THREADS.',
};

export const POISE_SESSION_SECRET: OptionalVariable<string> = {
  name: 'POISE_SESSION_SECRET',
  format: sessionSecret,
  secret: true,
  defaultText: 'a fixed development secret; none in production',
  description: 'Secret for session tokens, at least 32 characters. Required when NODE_ENV=production.',
};

export const POISE_INFERENCE_TOKEN: OptionalVariable<string> = {
  name: 'POISE_INFERENCE_TOKEN',
  format: sessionSecret,
  secret: true,
  defaultText: 'derived from POISE_SESSION_SECRET outside production; none in production',
  description:
    'Shared token the inference worker sends (authorization: Bearer …) and the inference gRPC server requires on every call, at least 32 characters. Required when NODE_ENV=production.',
};

export const POISE_DEMO_SEED: DefaultedVariable<boolean> = {
  name: 'POISE_DEMO_SEED',
  format: flag,
  fallback: (lookup) => (isDevelopment(lookup) ? 'true' : 'false'),
  defaultText: 'true in development, false otherwise',
  description: 'Seed a demo tenant, users and sessions at start.',
};

export const POISE_SESSION_IDLE_MINUTES: DefaultedVariable<number> = {
  name: 'POISE_SESSION_IDLE_MINUTES',
  format: minutes,
  fallback: '30',
  description:
    'A session with no activity (no message, frame or audio) for this long is ended as abandoned (reason inactive).',
};

export const POISE_MAIL: DefaultedVariable<'smtp' | 'outbox'> = {
  name: 'POISE_MAIL',
  format: oneOf(['smtp', 'outbox']),
  fallback: (lookup) => (lookup(NODE_ENV) === 'production' ? 'smtp' : 'outbox'),
  defaultText: 'smtp in production, outbox otherwise',
  description:
    'How invitations and reset links are mailed: over SMTP, or kept in the outbox admins read in the console (development; refused in production).',
};

export const POISE_SMTP_HOST: OptionalVariable<string> = {
  name: 'POISE_SMTP_HOST',
  format: host,
  description: 'SMTP relay host name or address. Required when POISE_MAIL=smtp.',
};

export const POISE_SMTP_PORT: DefaultedVariable<number> = {
  name: 'POISE_SMTP_PORT',
  format: port,
  fallback: (lookup) => (lookup(POISE_SMTP_SECURITY) === 'tls' ? '465' : '587'),
  defaultText: '465 when POISE_SMTP_SECURITY=tls, 587 otherwise',
  description: 'SMTP relay port.',
};

export const POISE_SMTP_SECURITY: DefaultedVariable<'tls' | 'starttls' | 'none'> = {
  name: 'POISE_SMTP_SECURITY',
  format: oneOf(['tls', 'starttls', 'none']),
  fallback: 'starttls',
  description:
    'tls: TLS from the first byte (465); starttls: STARTTLS required (587); none: no TLS, only for a relay on loopback in production.',
};

export const POISE_SMTP_USER: OptionalVariable<string> = {
  name: 'POISE_SMTP_USER',
  format: text,
  defaultText: 'no authentication',
  description: 'SMTP user; set together with POISE_SMTP_PASSWORD.',
};

export const POISE_SMTP_PASSWORD: OptionalVariable<string> = {
  name: 'POISE_SMTP_PASSWORD',
  format: text,
  secret: true,
  description: 'SMTP password; set together with POISE_SMTP_USER.',
};

export const POISE_MAIL_FROM: OptionalVariable<string> = {
  name: 'POISE_MAIL_FROM',
  format: mailAddress,
  defaultText: 'poise@localhost with the outbox',
  description:
    'From address of the mail Poise sends, e.g. poise@careers.example.ac.uk. Required when POISE_MAIL=smtp.',
};

/** Every variable, in the order the docs list them. */
export const variables: readonly Variable<unknown>[] = [
  NODE_ENV,
  POISE_DATA_DIR,
  POISE_LOG_LEVEL,
  POISE_LOG_FORMAT,
  POISE_EVENT_LOG,
  POISE_EVENT_LOG_PATH,
  POISE_ESDB_URL,
  POISE_READ_MODELS,
  POISE_CHDB_PATH,
  POISE_CLICKHOUSE_URL,
  POISE_CLICKHOUSE_USER,
  POISE_CLICKHOUSE_PASSWORD,
  POISE_CLICKHOUSE_DATABASE,
  POISE_MEDIA,
  POISE_MEDIA_PATH,
  POISE_S3_ENDPOINT,
  POISE_S3_REGION,
  POISE_S3_BUCKET,
  POISE_S3_ACCESS_KEY_ID,
  POISE_S3_SECRET_ACCESS_KEY,
  POISE_S3_FORCE_PATH_STYLE,
  POISE_ORPHAN_GRACE_MINUTES,
  POISE_AUTH_STORE,
  POISE_AUTH_DB_PATH,
  POISE_POSTGRES_URL,
  POISE_HOST,
  POISE_TRUST_PROXY,
  POISE_CONSOLE_PORT,
  POISE_CAPTURE_PORT,
  POISE_CONSOLE_PUBLIC_URL,
  POISE_CAPTURE_PUBLIC_URL,
  POISE_INFERENCE_PORT,
  POISE_OPS_PORT,
  POISE_OPS_HOST,
  POISE_INFERENCE_URL,
  POISE_INFERENCE_THREADS,
  POISE_ONNX_INTRA_OP_THREADS,
  POISE_SESSION_SECRET,
  POISE_INFERENCE_TOKEN,
  POISE_DEMO_SEED,
  POISE_SESSION_IDLE_MINUTES,
  POISE_MAIL,
  POISE_SMTP_HOST,
  POISE_SMTP_PORT,
  POISE_SMTP_SECURITY,
  POISE_SMTP_USER,
  POISE_SMTP_PASSWORD,
  POISE_MAIL_FROM,
];
