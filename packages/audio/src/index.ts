export { resample, resamplePcm16, ZERO_CROSSINGS } from './resample';
export { SPEECH_SAMPLE_RATE } from './sample-rate';
export { type DecodedWav, decodeWav, encodeWav, WAV_HEADER_BYTES, WavFormatError, wavHeader } from './wav';
