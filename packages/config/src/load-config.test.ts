import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error';
import { DEVELOPMENT_SESSION_SECRET, loadConfig } from './load-config';

const productionSecret = 'p'.repeat(40);
const productionToken = 't'.repeat(40);
/** What production needs besides the secret: the inference token, a public https URL and an SMTP relay. */
const productionBase = {
  NODE_ENV: 'production',
  POISE_INFERENCE_TOKEN: productionToken,
  POISE_CONSOLE_PUBLIC_URL: 'https://poise.example.edu',
  POISE_SMTP_HOST: 'smtp.example.edu',
  POISE_MAIL_FROM: 'poise@example.edu',
};

/** Runs loadConfig expecting failure and returns the error, so tests can read its issues. */
function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected loadConfig to throw a ConfigError');
}

const variablesIn = (error: ConfigError) => error.issues.map((issue) => issue.variable);

describe('loadConfig defaults', () => {
  it('runs the embedded stack from an empty environment', () => {
    const data = resolve('data');
    expect(loadConfig({})).toEqual({
      mode: 'development',
      dataDir: data,
      log: { level: 'info', format: 'pretty' },
      eventLog: { kind: 'sqlite', path: resolve(data, 'events.db') },
      readModels: { kind: 'chdb', path: resolve(data, 'clickhouse'), database: 'poise' },
      media: { kind: 'local', path: resolve(data, 'media') },
      authStore: { kind: 'sqlite', path: resolve(data, 'auth.db') },
      network: {
        host: '127.0.0.1',
        trustProxy: 'none',
        consolePort: 3000,
        capturePort: 3001,
        inferencePort: 50051,
        opsPort: 9464,
        opsHost: '127.0.0.1',
        inferenceUrl: 'localhost:50051',
        consolePublicUrl: 'http://localhost:3000',
        capturePublicUrl: 'http://localhost:3001',
      },
      inference: {
        threads: Math.min(64, availableParallelism()),
        intraOpThreads: 1,
        token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      },
      sessionSecret: DEVELOPMENT_SESSION_SECRET,
      demoSeed: true,
      sessions: { idleMinutes: 30 },
      custodian: { orphanGraceMinutes: 60 },
      mail: { kind: 'outbox', from: 'poise@localhost' },
    });
  });

  it('reads the grace period of unreferenced media in whole minutes, refusing 0 and more than a day', () => {
    expect(loadConfig({ POISE_ORPHAN_GRACE_MINUTES: '15' }).custodian.orphanGraceMinutes).toBe(15);
    for (const value of ['0', '1441', '-5', 'an hour']) {
      expect(() => loadConfig({ POISE_ORPHAN_GRACE_MINUTES: value })).toThrow(/POISE_ORPHAN_GRACE_MINUTES/);
    }
  });

  it('reads the idle time of sessions in whole minutes, refusing 0 and more than a day', () => {
    expect(loadConfig({ POISE_SESSION_IDLE_MINUTES: '5' }).sessions.idleMinutes).toBe(5);
    for (const value of ['0', '1441', '1.5', 'soon']) {
      expect(() => loadConfig({ POISE_SESSION_IDLE_MINUTES: value })).toThrow(/POISE_SESSION_IDLE_MINUTES/);
    }
  });

  it('refuses thread counts outside 1..64', () => {
    expect(() => loadConfig({ POISE_INFERENCE_THREADS: '0' })).toThrow(
      /POISE_INFERENCE_THREADS.*an integer from 1 to 64/s,
    );
    expect(() => loadConfig({ POISE_ONNX_INTRA_OP_THREADS: 'two' })).toThrow(/POISE_ONNX_INTRA_OP_THREADS/);
    expect(loadConfig({ POISE_INFERENCE_THREADS: '4' }).inference.threads).toBe(4);
  });

  it('switches mode-dependent defaults in production', () => {
    const config = loadConfig({ ...productionBase, POISE_SESSION_SECRET: productionSecret });
    expect(config.log.format).toBe('json');
    expect(config.network.host).toBe('0.0.0.0');
    expect(config.network.trustProxy).toBe('loopback');
    expect(config.demoSeed).toBe(false);
    expect(config.sessionSecret).toBe(productionSecret);
    expect(config.mail).toEqual({
      kind: 'smtp',
      host: 'smtp.example.edu',
      port: 587,
      security: 'starttls',
      user: undefined,
      password: undefined,
      from: 'poise@example.edu',
    });
  });

  it('keeps /metrics on loopback in production although the other servers bind every address', () => {
    const config = loadConfig({ ...productionBase, POISE_SESSION_SECRET: productionSecret });
    expect(config.network.host).toBe('0.0.0.0');
    expect(config.network.opsHost).toBe('127.0.0.1');
    const exposed = loadConfig({
      ...productionBase,
      POISE_SESSION_SECRET: productionSecret,
      POISE_OPS_HOST: '0.0.0.0',
    });
    expect(exposed.network.opsHost).toBe('0.0.0.0');
  });

  it('logs JSON and seeds nothing under test, but still binds loopback', () => {
    const config = loadConfig({ NODE_ENV: 'test' });
    expect(config.log.format).toBe('json');
    expect(config.demoSeed).toBe(false);
    expect(config.network.host).toBe('127.0.0.1');
  });

  it('treats an empty string as unset', () => {
    expect(loadConfig({ POISE_CONSOLE_PORT: '', POISE_EVENT_LOG: '' }).network.consolePort).toBe(3000);
  });

  it('follows the inference port in the default inference URL', () => {
    expect(loadConfig({ POISE_INFERENCE_PORT: '6000' }).network.inferenceUrl).toBe('localhost:6000');
  });

  it('follows the ports in the default public URLs and drops a trailing slash from given ones', () => {
    const network = loadConfig({ POISE_CONSOLE_PORT: '8080', POISE_CAPTURE_PORT: '8081' }).network;
    expect(network.consolePublicUrl).toBe('http://localhost:8080');
    expect(network.capturePublicUrl).toBe('http://localhost:8081');
    const given = loadConfig({
      POISE_CONSOLE_PUBLIC_URL: 'https://poise.example.edu/',
      POISE_CAPTURE_PUBLIC_URL: 'https://room.poise.example.edu',
    }).network;
    expect(given.consolePublicUrl).toBe('https://poise.example.edu');
    expect(given.capturePublicUrl).toBe('https://room.poise.example.edu');
  });

  it('refuses public URLs that are not plain http(s) base URLs', () => {
    const error = configError({
      POISE_CONSOLE_PUBLIC_URL: 'ftp://poise.example.edu',
      POISE_CAPTURE_PUBLIC_URL: 'https://room.example.edu/?x=1',
    });
    expect(variablesIn(error)).toEqual(['POISE_CONSOLE_PUBLIC_URL', 'POISE_CAPTURE_PUBLIC_URL']);
  });
});

describe('loadConfig paths', () => {
  it('places every embedded store under POISE_DATA_DIR, resolved to an absolute path', () => {
    const config = loadConfig({ POISE_DATA_DIR: 'var/poise' });
    const data = resolve('var/poise');
    expect(config.dataDir).toBe(data);
    expect(config.eventLog).toEqual({ kind: 'sqlite', path: resolve(data, 'events.db') });
    expect(config.readModels).toMatchObject({ kind: 'chdb', path: resolve(data, 'clickhouse') });
    expect(config.media).toEqual({ kind: 'local', path: resolve(data, 'media') });
    expect(config.authStore).toEqual({ kind: 'sqlite', path: resolve(data, 'auth.db') });
  });

  it('resolves explicit relative paths against the working directory, not the data dir', () => {
    const config = loadConfig({ POISE_DATA_DIR: '/srv/poise', POISE_EVENT_LOG_PATH: 'log/events.db' });
    expect(config.eventLog).toEqual({ kind: 'sqlite', path: resolve('log/events.db') });
    expect(config.media).toEqual({ kind: 'local', path: '/srv/poise/media' });
  });
});

describe('loadConfig adapters', () => {
  it('reads EventStoreDB settings', () => {
    const url = 'esdb://kurrentdb:2113?tls=false';
    expect(loadConfig({ POISE_EVENT_LOG: 'esdb', POISE_ESDB_URL: url }).eventLog).toEqual({
      kind: 'esdb',
      url,
    });
    const discover = 'esdb+discover://cluster.internal:2113';
    expect(loadConfig({ POISE_EVENT_LOG: 'esdb', POISE_ESDB_URL: discover }).eventLog).toEqual({
      kind: 'esdb',
      url: discover,
    });
  });

  it('reads ClickHouse server settings', () => {
    const config = loadConfig({
      POISE_READ_MODELS: 'clickhouse',
      POISE_CLICKHOUSE_URL: 'http://clickhouse:8123',
      POISE_CLICKHOUSE_USER: 'poise',
      POISE_CLICKHOUSE_PASSWORD: 'secret',
      POISE_CLICKHOUSE_DATABASE: 'poise_test',
    });
    expect(config.readModels).toEqual({
      kind: 'clickhouse',
      url: 'http://clickhouse:8123',
      user: 'poise',
      password: 'secret',
      database: 'poise_test',
    });
  });

  it('reads S3 settings with AWS defaults for what is not given', () => {
    const s3 = { POISE_MEDIA: 's3', POISE_S3_BUCKET: 'poise-media', POISE_S3_ACCESS_KEY_ID: 'id' };
    expect(loadConfig({ ...s3, POISE_S3_SECRET_ACCESS_KEY: 'key' }).media).toEqual({
      kind: 's3',
      endpoint: undefined,
      region: 'us-east-1',
      bucket: 'poise-media',
      accessKeyId: 'id',
      secretAccessKey: 'key',
      forcePathStyle: false,
    });
    const minio = { ...s3, POISE_S3_SECRET_ACCESS_KEY: 'key', POISE_S3_ENDPOINT: 'http://minio:9000' };
    expect(loadConfig({ ...minio, POISE_S3_FORCE_PATH_STYLE: '1' }).media).toMatchObject({
      endpoint: 'http://minio:9000',
      forcePathStyle: true,
    });
  });

  it('reads PostgreSQL settings', () => {
    const url = 'postgres://poise:pw@postgres:5432/poise';
    expect(loadConfig({ POISE_AUTH_STORE: 'postgres', POISE_POSTGRES_URL: url }).authStore).toEqual({
      kind: 'postgres',
      url,
    });
  });
});

describe('the inference token', () => {
  it('derives a stable token from the session secret outside production, so npm start needs no setup', () => {
    const first = loadConfig({}).inference.token;
    expect(loadConfig({ NODE_ENV: 'test' }).inference.token).toBe(first);
    expect(first).not.toContain(DEVELOPMENT_SESSION_SECRET);
    // Another session secret, another token: a deployment with its own secret has its own token.
    const other = loadConfig({ POISE_SESSION_SECRET: productionSecret }).inference.token;
    expect(other).not.toBe(first);
    expect(other.length).toBeGreaterThanOrEqual(32);
  });

  it('takes the configured token as given', () => {
    expect(loadConfig({ POISE_INFERENCE_TOKEN: productionToken }).inference.token).toBe(productionToken);
    const production = loadConfig({ ...productionBase, POISE_SESSION_SECRET: productionSecret });
    expect(production.inference.token).toBe(productionToken);
  });

  it('is required in production and must not be the session secret', () => {
    const { POISE_INFERENCE_TOKEN: _token, ...withoutToken } = productionBase;
    const missing = configError({ ...withoutToken, POISE_SESSION_SECRET: productionSecret });
    expect(missing.issues).toEqual([
      expect.objectContaining({
        variable: 'POISE_INFERENCE_TOKEN',
        found: 'nothing',
        requiredWhen: 'NODE_ENV=production',
      }),
    ]);
    const reused = configError({
      ...productionBase,
      POISE_SESSION_SECRET: productionSecret,
      POISE_INFERENCE_TOKEN: productionSecret,
    });
    expect(reused.issues).toEqual([
      {
        variable: 'POISE_INFERENCE_TOKEN',
        expected: 'a token other than POISE_SESSION_SECRET',
        found: 'a hidden value of 40 characters',
      },
    ]);
  });

  it('refuses a short token without echoing it', () => {
    const error = configError({ POISE_INFERENCE_TOKEN: 'short-token' });
    expect(variablesIn(error)).toEqual(['POISE_INFERENCE_TOKEN']);
    expect(error.message).not.toContain('short-token');
  });
});

describe('loadConfig conditional requirements', () => {
  it.each([
    [{ POISE_EVENT_LOG: 'esdb' }, ['POISE_ESDB_URL'], 'POISE_EVENT_LOG=esdb'],
    [{ POISE_READ_MODELS: 'clickhouse' }, ['POISE_CLICKHOUSE_URL'], 'POISE_READ_MODELS=clickhouse'],
    [
      { POISE_MEDIA: 's3' },
      ['POISE_S3_BUCKET', 'POISE_S3_ACCESS_KEY_ID', 'POISE_S3_SECRET_ACCESS_KEY'],
      'POISE_MEDIA=s3',
    ],
    [{ POISE_AUTH_STORE: 'postgres' }, ['POISE_POSTGRES_URL'], 'POISE_AUTH_STORE=postgres'],
    [
      { NODE_ENV: 'production', POISE_SMTP_HOST: 'smtp.example.edu', POISE_MAIL_FROM: 'poise@example.edu' },
      ['POISE_CONSOLE_PUBLIC_URL', 'POISE_SESSION_SECRET', 'POISE_INFERENCE_TOKEN'],
      'NODE_ENV=production',
    ],
    [{ POISE_MAIL: 'smtp' }, ['POISE_SMTP_HOST', 'POISE_MAIL_FROM'], 'POISE_MAIL=smtp'],
  ])('%o requires %o', (env, required, when) => {
    const error = configError(env);
    expect(variablesIn(error)).toEqual(required);
    for (const issue of error.issues) {
      expect(issue).toMatchObject({ found: 'nothing', requiredWhen: when });
      expect(error.message).toContain(`${issue.variable} (required when ${when})`);
    }
  });

  it('does not require adapter settings for adapters not chosen', () => {
    expect(() => loadConfig({ POISE_EVENT_LOG: 'sqlite', POISE_MEDIA: 'local' })).not.toThrow();
  });
});

describe('loadConfig errors', () => {
  it.each([
    ['NODE_ENV', 'staging', 'one of development, production, test'],
    ['POISE_LOG_LEVEL', 'verbose', 'one of fatal, error, warn, info, debug, trace, silent'],
    ['POISE_LOG_FORMAT', 'xml', 'one of json, pretty'],
    ['POISE_EVENT_LOG', 'postgres', 'one of sqlite, esdb'],
    ['POISE_ESDB_URL', 'http://kurrentdb:2113', 'esdb://'],
    ['POISE_READ_MODELS', 'duckdb', 'one of chdb, clickhouse'],
    ['POISE_CLICKHOUSE_URL', 'clickhouse:8123', 'http:// or https://'],
    ['POISE_CLICKHOUSE_DATABASE', 'poise-db', 'ClickHouse identifier'],
    ['POISE_MEDIA', 'gcs', 'one of local, s3'],
    ['POISE_S3_ENDPOINT', 'minio:9000', 'http:// or https://'],
    ['POISE_S3_BUCKET', 'Poise_Media', 'S3 bucket name'],
    ['POISE_S3_FORCE_PATH_STYLE', 'yes', 'true, false, 1 or 0'],
    ['POISE_AUTH_STORE', 'mysql', 'one of sqlite, postgres'],
    ['POISE_HOST', 'http://0.0.0.0', 'host name or IP address'],
    ['POISE_CONSOLE_PORT', 'abc', 'an integer port from 0 to 65535'],
    ['POISE_CAPTURE_PORT', '70000', 'an integer port from 0 to 65535'],
    ['POISE_INFERENCE_PORT', '-1', 'an integer port from 0 to 65535'],
    ['POISE_OPS_PORT', '94.64', 'an integer port from 0 to 65535'],
    ['POISE_INFERENCE_URL', 'http://inference:50051', 'host:port'],
    ['POISE_DEMO_SEED', 'TRUE', 'true, false, 1 or 0'],
  ])('%s=%s is refused, naming the variable, the expectation and the value', (name, value, expected) => {
    const error = configError({ [name]: value });
    expect(variablesIn(error)).toEqual([name]);
    expect(error.issues[0]?.expected).toContain(expected);
    expect(error.message).toContain(`- ${name}: expected `);
    expect(error.message).toContain(`found ${JSON.stringify(value)}`);
  });

  it('refuses kurrentdb:// and says why', () => {
    const error = configError({
      POISE_EVENT_LOG: 'esdb',
      POISE_ESDB_URL: 'kurrentdb://kurrentdb:2113?tls=false',
    });
    expect(variablesIn(error)).toEqual(['POISE_ESDB_URL']);
    expect(error.message).toMatch(
      /@eventstore\/db-client rejects kurrentdb:\/\/.*esdb:\/\/host:2113\?tls=false/,
    );
  });

  it('validates variables of adapters that are not chosen, to catch typos early', () => {
    expect(variablesIn(configError({ POISE_EVENT_LOG: 'sqlite', POISE_ESDB_URL: 'localhost:2113' }))).toEqual(
      ['POISE_ESDB_URL'],
    );
  });

  it('reports every problem at once, in the order of the variable table', () => {
    const error = configError({
      NODE_ENV: 'production',
      POISE_DEMO_SEED: 'yes',
      POISE_CONSOLE_PORT: 'abc',
      POISE_EVENT_LOG: 'esdb',
      POISE_MEDIA: 's3',
      POISE_S3_BUCKET: 'poise-media',
      POISE_S3_ACCESS_KEY_ID: 'id',
    });
    expect(variablesIn(error)).toEqual([
      'POISE_ESDB_URL',
      'POISE_S3_SECRET_ACCESS_KEY',
      'POISE_CONSOLE_PORT',
      'POISE_CONSOLE_PUBLIC_URL',
      'POISE_SESSION_SECRET',
      'POISE_INFERENCE_TOKEN',
      'POISE_DEMO_SEED',
      'POISE_SMTP_HOST',
      'POISE_MAIL_FROM',
    ]);
    expect(error.message.split('\n')[0]).toBe('Invalid Poise configuration (9 problems):');
  });

  it('never echoes secrets', () => {
    const error = configError({
      POISE_SESSION_SECRET: 'too-short-secret',
      POISE_POSTGRES_URL: 'mysql://root:hunter2@db/poise',
    });
    expect(variablesIn(error)).toEqual(['POISE_POSTGRES_URL', 'POISE_SESSION_SECRET']);
    expect(error.message).not.toContain('hunter2');
    expect(error.message).not.toContain('too-short-secret');
    expect(error.message).toContain('found a hidden value of 16 characters');
  });

  it('refuses the development session secret in production', () => {
    const error = configError({ ...productionBase, POISE_SESSION_SECRET: DEVELOPMENT_SESSION_SECRET });
    expect(variablesIn(error)).toEqual(['POISE_SESSION_SECRET']);
    expect(error.issues[0]?.expected).toBe('a secret of your own, not the development default');
  });

  it('refuses two services on one port, naming the variable that was set', () => {
    const error = configError({ POISE_OPS_PORT: '3000' });
    expect(error.issues).toEqual([
      {
        variable: 'POISE_OPS_PORT',
        expected: "a port other than POISE_CONSOLE_PORT's 3000",
        found: '"3000"',
      },
    ]);
    expect(() => loadConfig({ POISE_CONSOLE_PORT: '0', POISE_CAPTURE_PORT: '0' })).not.toThrow();
  });

  it('accepts the boolean spellings it documents', () => {
    for (const [text, value] of [
      ['true', true],
      ['1', true],
      ['false', false],
      ['0', false],
    ] as const) {
      expect(loadConfig({ POISE_DEMO_SEED: text }).demoSeed).toBe(value);
    }
  });
});
