import { readFileSync } from 'node:fs';
import { eventExamples, exampleMetadata } from '@poise/testing';
import { describe, expect, it } from 'vitest';
import { contractOf, eventCatalog, eventTypes, isEventType } from './catalog';
import { parseStreamName, streamKinds } from './stream-names';
import { validateEvent } from './validation';

const eventId = '0b8e5f3c-4a7d-4f7e-9a53-6f3b2f7c1d20';

describe('event catalogue', () => {
  it('has one contract per event type, each listed once', () => {
    expect(eventTypes).toHaveLength(54);
    expect(new Set(eventTypes).size).toBe(eventTypes.length);
  });

  it.each(eventTypes)('%s has a valid example on one of its streams', (type) => {
    const example = eventExamples[type];
    expect(example, `add an example for ${type} to examples.ts`).toBeDefined();
    const contract = contractOf(type);
    expect(Object.keys(contract.streams)).toContain(parseStreamName(example.streamName).kind);
    const event = {
      id: eventId,
      type,
      data: example.data,
      metadata: { ...exampleMetadata, schemaVersion: contract.version },
    };
    expect(validateEvent(example.streamName, event)).toBe(event);
  });

  it.each(eventTypes)('%s declares streams, a summary and an upcaster for every older version', (type) => {
    const contract = contractOf(type);
    expect(contract.type).toBe(type);
    expect(contract.summary.length).toBeGreaterThan(10);
    const kinds = Object.keys(contract.streams);
    expect(kinds.length).toBeGreaterThan(0);
    for (const kind of kinds) expect(streamKinds).toContain(kind);
    expect(Number.isInteger(contract.version) && contract.version >= 1).toBe(true);
    for (let version = 1; version < contract.version; version++) {
      expect(contract.upcasters?.[version], `${type} needs an upcaster from v${version}`).toBeTypeOf(
        'function',
      );
    }
  });

  it('has no example for a type outside the catalogue', () => {
    expect(Object.keys(eventExamples).sort()).toEqual([...eventTypes].sort());
  });

  it('tells catalogue types from other strings', () => {
    expect(isEventType('FrameCaptured')).toBe(true);
    expect(isEventType('toString')).toBe(false);
    expect(isEventType('frameCaptured')).toBe(false);
    expect(eventCatalog.FrameCaptured.version).toBe(2);
  });
});

describe('README catalogue', () => {
  /** Cells of every table row of README.md, keyed by the first cell (the event type in the catalogue tables). */
  const rows = new Map(
    readFileSync(new URL('../README.md', import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('|'))
      .map((line) =>
        line
          .split('|')
          .slice(1, -1)
          .map((cell) => cell.trim()),
      )
      .map((cells) => [cells[0], cells.slice(1)] as const),
  );

  it.each(eventTypes)('lists %s with its streams, version and summary', (type) => {
    const contract = contractOf(type);
    const streams = Object.keys(contract.streams)
      .map((kind) => `\`${kind}-\``)
      .join(', ');
    expect(rows.get(type)).toEqual([streams, String(contract.version), contract.summary]);
  });
});
