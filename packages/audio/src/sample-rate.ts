/** 16 kHz: the rate the speech models take and the capture gateway stores raw PCM at. */
export const SPEECH_SAMPLE_RATE = 16_000;
