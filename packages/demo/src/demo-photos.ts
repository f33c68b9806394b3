import { fileURLToPath } from 'node:url';

/** The public-domain portraits the demo sessions are filmed from (fixtures/demo, see its README). */
export type DemoPhoto = 'douglass' | 'collins';

/** Each portrait comes in this many variants (crops and shifts), numbered from 0. */
export const DEMO_PHOTO_VARIANTS = 4;

const FIXTURES = new URL('../fixtures/demo/', import.meta.url);

/** The file of one variant of a demo portrait, a JPEG. */
export function demoPhotoPath(photo: DemoPhoto, variant: number): string {
  return fileURLToPath(new URL(`${photo}-${variant}.jpg`, FIXTURES));
}
