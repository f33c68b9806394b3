import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, type LoggerOptions, sessionLogger } from './logger';

/** A logger whose output lands in an array, line by line, as soon as it is written. */
function capture(options: Omit<LoggerOptions, 'destination'>) {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const logger = createLogger({ ...options, destination });
  return { logger, lines };
}

describe('createLogger', () => {
  it('writes one JSON object per line with level names, ISO time, name and base fields', () => {
    const { logger, lines } = capture({
      level: 'info',
      format: 'json',
      name: 'projector',
      base: { target: 'ops' },
    });
    logger.info({ position: 42 }, 'caught up');
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({
      level: 'info',
      name: 'projector',
      target: 'ops',
      position: 42,
      msg: 'caught up',
    });
    expect(new Date(entry.time).toISOString()).toBe(entry.time);
  });

  it('drops lines below the configured level', () => {
    const { logger, lines } = capture({ level: 'warn', format: 'json', name: 'x' });
    logger.info('quiet');
    logger.warn('loud');
    expect(lines.map((line) => JSON.parse(line).msg)).toEqual(['loud']);
  });

  it('pretty-prints synchronously, without colours when writing to a stream', () => {
    const { logger, lines } = capture({ level: 'info', format: 'pretty', name: 'capture' });
    logger.info({ frames: 3 }, 'session started');
    expect(lines.join('')).toMatch(
      /^\[\d{2}:\d{2}:\d{2}\.\d{3}\] INFO \(capture\): session started\n {4}frames: 3\n$/,
    );
  });

  it('redacts secrets wherever a config or credentials object is logged', () => {
    const { logger, lines } = capture({ level: 'info', format: 'json', name: 'x' });
    logger.info({ config: { sessionSecret: 's', media: { secretAccessKey: 'k' } }, password: 'p' }, 'boot');
    const entry = JSON.parse(lines[0]!);
    expect(entry.password).toBe('[redacted]');
    expect(entry.config.sessionSecret).toBe('[redacted]');
    expect(lines[0]).not.toContain('"p"');
  });
});

describe('sessionLogger', () => {
  it('stamps every line with the session and correlation ids', () => {
    const { logger, lines } = capture({ level: 'info', format: 'json', name: 'capture' });
    sessionLogger(logger, 'session-1', 'correlation-9').info('frame stored');
    sessionLogger(logger, 'session-2').info('frame stored');
    expect(lines.map((line) => JSON.parse(line))).toMatchObject([
      { sessionId: 'session-1', correlationId: 'correlation-9' },
      { sessionId: 'session-2', correlationId: 'session-2' },
    ]);
  });
});
