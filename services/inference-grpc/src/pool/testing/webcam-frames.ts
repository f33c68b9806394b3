import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const fixtures = fileURLToPath(new URL('../../../test/fixtures/', import.meta.url));

export const WEBCAM_WIDTH = 640;
export const WEBCAM_HEIGHT = 480;

/**
 * The fixture photos as a webcam would send them: 640×480 (4:3), cropped where sharp's attention
 * heuristic puts the subject (the face stays in frame), JPEG quality 80 as browsers' canvas capture
 * defaults to about. What the server receives in production, unlike the 6-megapixel Douglass scan.
 */
export async function webcamFrames(): Promise<{ readonly name: string; readonly jpeg: Buffer }[]> {
  const names = ['astronaut_eileen_collins_nasa.png', 'frederick_douglass_c1879.jpg'];
  return Promise.all(
    names.map(async (name) => ({
      name,
      jpeg: await sharp(`${fixtures}${name}`)
        .resize(WEBCAM_WIDTH, WEBCAM_HEIGHT, { fit: 'cover', position: sharp.strategy.attention })
        .toColourspace('srgb')
        .jpeg({ quality: 80 })
        .toBuffer(),
    })),
  );
}
