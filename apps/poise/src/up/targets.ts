/**
 * What `poise up --target X` can start. `all` is everything in one process (the embedded mode, see
 * docs/decisions/004); each other target is what one container of docker-compose.yml runs. Services
 * join this list as their issues land.
 */
export const upTargets = [
  'all',
  'ops',
  'inference',
  'inference-worker',
  'projector',
  'console',
  'capture',
] as const;
export type UpTarget = (typeof upTargets)[number];

export function parseUpTarget(value: string): UpTarget {
  const target = upTargets.find((candidate) => candidate === value);
  if (target === undefined) {
    throw new Error(`unknown target "${value}"; expected one of: ${upTargets.join(', ')}`);
  }
  return target;
}

/** Which services a target runs. */
export function servicesOf(target: UpTarget) {
  return {
    demoSeed: target === 'all',
    inferenceServer: target === 'all' || target === 'inference',
    inferenceWorker: target === 'all' || target === 'inference-worker',
    projector: target === 'all' || target === 'projector',
    console: target === 'all' || target === 'console',
    capture: target === 'all' || target === 'capture',
  };
}
