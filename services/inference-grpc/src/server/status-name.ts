import { status } from '@grpc/grpc-js';

const names = new Map<number, string>(
  Object.entries(status)
    .filter((entry): entry is [string, number] => typeof entry[1] === 'number')
    .map(([name, code]) => [code, name]),
);

/** "INVALID_ARGUMENT" for 3: metric labels and park reasons read better by name. */
export function statusName(code: number): string {
  return names.get(code) ?? String(code);
}
