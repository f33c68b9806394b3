/**
 * A PostgreSQL server for one test run: a fresh cluster in a temp directory, on a free loopback
 * port, with its Unix socket in that directory too, removed again at the end. Uses the binaries of
 * Debian's `postgresql` package (/usr/lib/postgresql/<version>/bin), installing the package when
 * they are missing and we are root. initdb refuses to run as root, so as root the cluster belongs
 * to the `postgres` user that the package creates.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { createTempDir } from './temp-dir';

const run = promisify(execFile);
const DEBIAN_ROOT = '/usr/lib/postgresql';
const DATABASE = 'poise_auth_test';
const SUPERUSER = 'poise';

/** Why no server could be started; the message goes into the name of the skipped suite. */
export class PostgresUnavailableError extends Error {
  override readonly name = 'PostgresUnavailableError';
}

export interface ThrowawayPostgres {
  readonly url: string;
  stop(): Promise<void>;
}

const isRoot = () => process.getuid?.() === 0;

async function commandOutput(file: string, args: readonly string[]): Promise<string | null> {
  try {
    return (await run(file, args)).stdout.trim();
  } catch {
    return null;
  }
}

/** The newest Debian-packaged version's bin directory, else the directory of an initdb on PATH. */
async function findBinDir(): Promise<string | null> {
  const versions = existsSync(DEBIAN_ROOT) ? await readdir(DEBIAN_ROOT) : [];
  const packaged = versions
    .filter((version) => existsSync(join(DEBIAN_ROOT, version, 'bin', 'initdb')))
    .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a))[0];
  if (packaged !== undefined) return join(DEBIAN_ROOT, packaged, 'bin');
  const onPath = await commandOutput('sh', ['-c', 'command -v initdb']);
  return onPath ? join(onPath, '..') : null;
}

async function installDebianPackage(): Promise<void> {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const options = { env, timeout: 10 * 60 * 1000, maxBuffer: 64 * 1024 * 1024 };
  await run('apt-get', ['update'], options);
  await run('apt-get', ['install', '-y', '--no-install-recommends', 'postgresql'], options);
}

async function locateBinaries(): Promise<string> {
  const found = await findBinDir();
  if (found) return found;
  if (!isRoot()) {
    throw new PostgresUnavailableError(
      `no initdb in ${DEBIAN_ROOT}/*/bin or on PATH, and not root so not installing the postgresql package`,
    );
  }
  try {
    await installDebianPackage();
  } catch (error) {
    throw new PostgresUnavailableError(
      `apt-get install postgresql failed: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  const installed = await findBinDir();
  if (!installed) throw new PostgresUnavailableError('postgresql installed, yet no initdb found');
  return installed;
}

/** How to run a server binary: directly, or as the `postgres` user when we are root. */
async function runnerFor(owner: { uid: number; gid: number } | null) {
  if (owner === null) return (file: string, args: readonly string[]) => run(file, args);
  const viaRunuser = (await commandOutput('sh', ['-c', 'command -v runuser'])) !== null;
  return (file: string, args: readonly string[]) =>
    viaRunuser
      ? run('runuser', ['-u', 'postgres', '--', file, ...args])
      : run('su', ['postgres', '-s', '/bin/sh', '-c', [file, ...args].map((arg) => `'${arg}'`).join(' ')]);
}

async function postgresAccount(): Promise<{ uid: number; gid: number } | null> {
  if (!isRoot()) return null;
  const entry = await commandOutput('getent', ['passwd', 'postgres']);
  const [, , uid, gid] = entry?.split(':') ?? [];
  if (uid === undefined || gid === undefined) {
    throw new PostgresUnavailableError('running as root, but there is no postgres user to own the cluster');
  }
  return { uid: Number(uid), gid: Number(gid) };
}

async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const bin = await locateBinaries();
  const owner = await postgresAccount();
  const asOwner = await runnerFor(owner);
  const dir = await createTempDir('poise-auth-pg-');
  const data = join(dir.path, 'data');
  const log = join(dir.path, 'server.log');
  if (owner) await chown(dir.path, owner.uid, owner.gid);
  await chmod(dir.path, 0o700);

  const fail = async (step: string, error: unknown): Promise<never> => {
    const serverLog = await readFile(log, 'utf8').catch(() => '');
    await dir.remove();
    const detail = `${(error as { stderr?: string }).stderr ?? ''} ${(error as Error).message} ${serverLog}`;
    throw new PostgresUnavailableError(`${step} failed: ${detail.trim().split('\n').slice(-3).join(' ')}`);
  };

  try {
    await asOwner(join(bin, 'initdb'), [
      '-D',
      data,
      '-U',
      SUPERUSER,
      '--auth=trust',
      '--encoding=UTF8',
      '--no-locale',
      '--no-sync',
    ]);
  } catch (error) {
    return fail('initdb', error);
  }

  const port = await freeLoopbackPort();
  // Durability settings off: the cluster lives for one test run, and fsyncs would only slow it.
  const serverOptions = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir.path} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  try {
    await asOwner(join(bin, 'pg_ctl'), [
      '-D',
      data,
      '-l',
      log,
      '-w',
      '-t',
      '60',
      '-o',
      serverOptions,
      'start',
    ]);
  } catch (error) {
    return fail('pg_ctl start', error);
  }

  const stop = async () => {
    await asOwner(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']).catch(() => undefined);
    await dir.remove();
  };
  try {
    const admin = new pg.Client({ host: '127.0.0.1', port, user: SUPERUSER, database: 'postgres' });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${DATABASE}`);
    await admin.end();
  } catch (error) {
    await stop();
    throw new PostgresUnavailableError(`creating the test database failed: ${(error as Error).message}`);
  }
  return { url: `postgres://${SUPERUSER}@127.0.0.1:${port}/${DATABASE}`, stop };
}
