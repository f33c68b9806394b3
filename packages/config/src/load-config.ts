import { createHmac } from 'node:crypto';
import { ConfigError } from './config-error';
import { type Env, EnvReader } from './env-reader';
import type {
  AuthStoreConfig,
  EventLogConfig,
  MailConfig,
  MediaConfig,
  Mode,
  NetworkConfig,
  PoiseConfig,
  ReadModelsConfig,
} from './poise-config';
import * as v from './variables';

/** Clearly named so it is recognisable wherever it leaks; refused in production. */
export const DEVELOPMENT_SESSION_SECRET = 'poise-development-session-secret-do-not-use-in-production';

/**
 * Validates the environment once at boot. This is the one place in Poise that reads `process.env`;
 * everything else receives the resulting `PoiseConfig`. Throws `ConfigError` listing every problem.
 */
export function loadConfig(env: Env = process.env): PoiseConfig {
  const reader = new EnvReader(env, v.variables);
  const mode = reader.value(v.NODE_ENV);
  const eventLog = readEventLog(reader);
  const readModels = readReadModels(reader);
  const media = readMedia(reader);
  const authStore = readAuthStore(reader);
  const network = readNetwork(reader);
  const sessionSecret = readSessionSecret(reader, mode);
  const inferenceToken = readInferenceToken(reader, mode, sessionSecret);
  const mail = readMail(reader, mode);
  checkProduction(reader, mode, network);
  // A section comes back undefined only after recording an issue; the checks narrow the types.
  if (
    reader.issues.length > 0 ||
    !eventLog ||
    !readModels ||
    !media ||
    !authStore ||
    !sessionSecret ||
    !inferenceToken ||
    !mail
  ) {
    throw new ConfigError(reader.issues);
  }
  return {
    mode,
    dataDir: reader.value(v.POISE_DATA_DIR),
    log: { level: reader.value(v.POISE_LOG_LEVEL), format: reader.value(v.POISE_LOG_FORMAT) },
    eventLog,
    readModels,
    media,
    authStore,
    network,
    inference: {
      threads: reader.value(v.POISE_INFERENCE_THREADS),
      intraOpThreads: reader.value(v.POISE_ONNX_INTRA_OP_THREADS),
      token: inferenceToken,
    },
    sessionSecret,
    demoSeed: reader.value(v.POISE_DEMO_SEED),
    sessions: { idleMinutes: reader.value(v.POISE_SESSION_IDLE_MINUTES) },
    custodian: { orphanGraceMinutes: reader.value(v.POISE_ORPHAN_GRACE_MINUTES) },
    mail,
  };
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);
const isLoopback = (host: string) => LOOPBACK_HOSTS.has(host) || host.startsWith('127.');

function readMail(reader: EnvReader, mode: Mode): MailConfig | undefined {
  if (reader.value(v.POISE_MAIL) === 'outbox') {
    if (mode === 'production') {
      reader.reject(v.POISE_MAIL, 'smtp in production (the outbox only shows mail in the console)');
      return undefined;
    }
    return { kind: 'outbox', from: reader.optional(v.POISE_MAIL_FROM) ?? 'poise@localhost' };
  }
  const when = 'POISE_MAIL=smtp';
  const host = reader.required(v.POISE_SMTP_HOST, when);
  const from = reader.required(v.POISE_MAIL_FROM, when);
  const user = reader.optional(v.POISE_SMTP_USER);
  const password = reader.optional(v.POISE_SMTP_PASSWORD);
  if ((user === undefined) !== (password === undefined)) {
    reader.reject(
      user === undefined ? v.POISE_SMTP_USER : v.POISE_SMTP_PASSWORD,
      'set together with the other SMTP credential',
    );
  }
  const security = reader.value(v.POISE_SMTP_SECURITY);
  // Reset links are as good as passwords: in clear text they may only cross loopback.
  if (mode === 'production' && security === 'none' && host !== undefined && !isLoopback(host)) {
    reader.reject(
      v.POISE_SMTP_SECURITY,
      'tls or starttls in production unless POISE_SMTP_HOST is a loopback relay',
    );
  }
  if (host === undefined || from === undefined) return undefined;
  return { kind: 'smtp', host, port: reader.value(v.POISE_SMTP_PORT), security, user, password, from };
}

/**
 * Production runs behind a TLS-terminating reverse proxy: links in mail are built from the console's
 * public URL, so it must be given and be https:// (plain http only for a loopback trial); no demo data.
 */
function checkProduction(reader: EnvReader, mode: Mode, network: NetworkConfig): void {
  if (mode !== 'production') return;
  if (reader.optional(v.POISE_CONSOLE_PUBLIC_URL) === undefined) {
    reader.required(v.POISE_CONSOLE_PUBLIC_URL, 'NODE_ENV=production');
  } else {
    const url = new URL(network.consolePublicUrl);
    if (url.protocol !== 'https:' && !isLoopback(url.hostname)) {
      reader.reject(
        v.POISE_CONSOLE_PUBLIC_URL,
        'an https:// URL in production (TLS is terminated by the reverse proxy)',
      );
    }
  }
  if (reader.value(v.POISE_DEMO_SEED)) {
    reader.reject(
      v.POISE_DEMO_SEED,
      'false in production (no demo accounts; create the first admin with `poise admin create`)',
    );
  }
}

function readEventLog(reader: EnvReader): EventLogConfig | undefined {
  if (reader.value(v.POISE_EVENT_LOG) === 'sqlite') {
    return { kind: 'sqlite', path: reader.value(v.POISE_EVENT_LOG_PATH) };
  }
  const url = reader.required(v.POISE_ESDB_URL, 'POISE_EVENT_LOG=esdb');
  return url === undefined ? undefined : { kind: 'esdb', url };
}

function readReadModels(reader: EnvReader): ReadModelsConfig | undefined {
  const database = reader.value(v.POISE_CLICKHOUSE_DATABASE);
  if (reader.value(v.POISE_READ_MODELS) === 'chdb') {
    return { kind: 'chdb', path: reader.value(v.POISE_CHDB_PATH), database };
  }
  const url = reader.required(v.POISE_CLICKHOUSE_URL, 'POISE_READ_MODELS=clickhouse');
  if (url === undefined) return undefined;
  const user = reader.value(v.POISE_CLICKHOUSE_USER);
  return { kind: 'clickhouse', url, user, password: reader.value(v.POISE_CLICKHOUSE_PASSWORD), database };
}

function readMedia(reader: EnvReader): MediaConfig | undefined {
  if (reader.value(v.POISE_MEDIA) === 'local') {
    return { kind: 'local', path: reader.value(v.POISE_MEDIA_PATH) };
  }
  const when = 'POISE_MEDIA=s3';
  const bucket = reader.required(v.POISE_S3_BUCKET, when);
  const accessKeyId = reader.required(v.POISE_S3_ACCESS_KEY_ID, when);
  const secretAccessKey = reader.required(v.POISE_S3_SECRET_ACCESS_KEY, when);
  if (bucket === undefined || accessKeyId === undefined || secretAccessKey === undefined) return undefined;
  return {
    kind: 's3',
    endpoint: reader.optional(v.POISE_S3_ENDPOINT),
    region: reader.value(v.POISE_S3_REGION),
    bucket,
    accessKeyId,
    secretAccessKey,
    forcePathStyle: reader.value(v.POISE_S3_FORCE_PATH_STYLE),
  };
}

function readAuthStore(reader: EnvReader): AuthStoreConfig | undefined {
  if (reader.value(v.POISE_AUTH_STORE) === 'sqlite') {
    return { kind: 'sqlite', path: reader.value(v.POISE_AUTH_DB_PATH) };
  }
  const url = reader.required(v.POISE_POSTGRES_URL, 'POISE_AUTH_STORE=postgres');
  return url === undefined ? undefined : { kind: 'postgres', url };
}

/** `poise up` binds every listening port in one process, so two services on one port cannot start. */
function readNetwork(reader: EnvReader): NetworkConfig {
  const ports = [v.POISE_CONSOLE_PORT, v.POISE_CAPTURE_PORT, v.POISE_INFERENCE_PORT, v.POISE_OPS_PORT];
  ports.forEach((variable, index) => {
    const value = reader.value(variable);
    const clash = ports.slice(0, index).find((earlier) => reader.value(earlier) === value);
    // Port 0 asks the OS for a free port, so repeating it is fine.
    if (clash === undefined || value === 0) return;
    const given = reader.optional(variable) === undefined ? clash : variable;
    const other = given === variable ? clash : variable;
    reader.reject(given, `a port other than ${other.name}'s ${value}`);
  });
  return {
    host: reader.value(v.POISE_HOST),
    trustProxy: reader.value(v.POISE_TRUST_PROXY),
    consolePort: reader.value(v.POISE_CONSOLE_PORT),
    capturePort: reader.value(v.POISE_CAPTURE_PORT),
    inferencePort: reader.value(v.POISE_INFERENCE_PORT),
    opsPort: reader.value(v.POISE_OPS_PORT),
    opsHost: reader.value(v.POISE_OPS_HOST),
    inferenceUrl: reader.value(v.POISE_INFERENCE_URL),
    consolePublicUrl: reader.value(v.POISE_CONSOLE_PUBLIC_URL),
    capturePublicUrl: reader.value(v.POISE_CAPTURE_PUBLIC_URL),
  };
}

function readSessionSecret(reader: EnvReader, mode: Mode): string | undefined {
  if (mode !== 'production') return reader.optional(v.POISE_SESSION_SECRET) ?? DEVELOPMENT_SESSION_SECRET;
  const secret = reader.required(v.POISE_SESSION_SECRET, 'NODE_ENV=production');
  if (secret !== DEVELOPMENT_SESSION_SECRET) return secret;
  reader.reject(v.POISE_SESSION_SECRET, 'a secret of your own, not the development default');
  return undefined;
}

/**
 * The token between the inference worker and server. Outside production it defaults to an HMAC of
 * the session secret, so `npm start` (and `poise up --target …` processes sharing that secret) work
 * with no setup while the token stays as secret as the session secret it comes from. In production
 * it is a setting of its own: not the session secret again, so neither leaks the other.
 */
function readInferenceToken(
  reader: EnvReader,
  mode: Mode,
  sessionSecret: string | undefined,
): string | undefined {
  if (mode !== 'production') {
    const given = reader.optional(v.POISE_INFERENCE_TOKEN);
    if (given !== undefined || sessionSecret === undefined) return given;
    return createHmac('sha256', sessionSecret).update('poise inference token v1').digest('base64url');
  }
  const token = reader.required(v.POISE_INFERENCE_TOKEN, 'NODE_ENV=production');
  if (token === undefined || token !== sessionSecret) return token;
  reader.reject(v.POISE_INFERENCE_TOKEN, 'a token other than POISE_SESSION_SECRET');
  return undefined;
}
