/**
 * The limits forms enforce, read from the event contracts rather than restated: a form that lets
 * through more than its event admits fails at the append (a server error after the person typed),
 * and a restated number drifts. `textLimit('CohortCreated', ['name'])` is the contract's maximum
 * length of that field; `listLimit` the maximum number of items of a list.
 */
import type { z } from 'zod';
import { contractOf, type EventType } from './catalog';

/** `[]` steps into a list's items. */
export type FieldPath = readonly string[];

interface Introspectable {
  readonly _zod: {
    readonly def: {
      readonly type: string;
      readonly innerType?: unknown;
      readonly element?: unknown;
      readonly options?: readonly unknown[];
      readonly checks?: readonly { readonly _zod: { readonly def: { check: string; maximum?: number } } }[];
    };
  };
  readonly shape?: Record<string, unknown>;
}

function unwrap(schema: Introspectable): Introspectable {
  let current = schema;
  while (['optional', 'nullable', 'default', 'readonly'].includes(current._zod.def.type)) {
    current = current._zod.def.innerType as Introspectable;
  }
  return current;
}

function schemaAt(type: EventType, path: FieldPath): Introspectable {
  let current = unwrap(contractOf(type).data as z.ZodType as unknown as Introspectable);
  for (const step of path) {
    if (step === '[]') {
      if (current._zod.def.type !== 'array') throw new Error(`${type}: ${path.join('.')} is not a list`);
      current = unwrap(current._zod.def.element as Introspectable);
      continue;
    }
    // In a union (such as the follow-up rules), the first member that has the field; a field of
    // several members has one limit in all of them.
    const members = current._zod.def.type === 'union' ? (current._zod.def.options ?? []) : [current];
    const next = members.map((member) => (member as Introspectable).shape?.[step]).find((found) => found);
    if (next === undefined) throw new Error(`${type} has no field ${path.join('.')}`);
    current = unwrap(next as Introspectable);
  }
  return current;
}

function maximumAt(type: EventType, path: FieldPath, kind: 'string' | 'array'): number {
  const schema = schemaAt(type, path);
  // The checks zod keeps on the schema (its `bag` is filled only once it has parsed something).
  const maximum = (schema._zod.def.checks ?? [])
    .map((check) => check._zod.def)
    .find((check) => check.check === 'max_length')?.maximum;
  if (schema._zod.def.type !== kind || maximum === undefined) {
    throw new Error(`${type}.${path.join('.')} is not a ${kind} with a maximum length`);
  }
  return maximum;
}

/** The most characters the contract of `type` admits in the text at `path` of its data. */
export function textLimit(type: EventType, path: FieldPath): number {
  return maximumAt(type, path, 'string');
}

/** The most items the contract of `type` admits in the list at `path` of its data. */
export function listLimit(type: EventType, path: FieldPath): number {
  return maximumAt(type, path, 'array');
}
