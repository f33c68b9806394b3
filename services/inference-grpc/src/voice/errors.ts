/** Why a chunk of audio was refused; the gRPC layer maps every code to INVALID_ARGUMENT with the message. */
export type InvalidAudioCode =
  | 'empty'
  | 'unsupported_sample_rate'
  | 'too_long'
  | 'odd_byte_length'
  | 'unsupported_channels'
  | 'unsupported_format';

/** Bad input, never a crash: the caller sent something the analyzer cannot read. */
export class InvalidAudioError extends Error {
  override readonly name = 'InvalidAudioError';
  constructor(
    readonly code: InvalidAudioCode,
    message: string,
  ) {
    super(message);
  }
}
