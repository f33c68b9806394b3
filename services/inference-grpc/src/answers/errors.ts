/** Why an answer could not be scored; the gRPC layer maps every code to INVALID_ARGUMENT with the message. */
export type InvalidAnswerCode = 'empty_transcript' | 'invalid_speaking_time';

export class InvalidAnswerError extends Error {
  override readonly name = 'InvalidAnswerError';
  constructor(
    readonly code: InvalidAnswerCode,
    message: string,
  ) {
    super(message);
  }
}
