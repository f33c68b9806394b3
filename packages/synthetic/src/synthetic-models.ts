import { createHash } from 'node:crypto';
import type { ModelVersion } from '@poise/schemas';

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The "models" that analysed synthetic frames and audio. No real model ran (there is no media), so
 * analyses name the generator instead of the inference service's weights: a number in a synthetic
 * session can never be mistaken for a model's output.
 */
export const syntheticFaceModels: ModelVersion[] = [
  { name: 'synthetic-face-signals', version: '1', sha256: digest('poise synthetic face signals v1') },
];
export const syntheticVoiceModels: ModelVersion[] = [
  { name: 'synthetic-voice-signals', version: '1', sha256: digest('poise synthetic voice signals v1') },
];

/** The consent notice shown in synthetic sessions; its hash proves which text was agreed to. */
export const syntheticConsentNotice = {
  noticeVersion: 'synthetic-2025-01',
  noticeSha256: digest('Poise practice sessions: synthetic consent notice (no real person).'),
};
