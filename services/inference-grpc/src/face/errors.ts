/** Why a frame was refused; the gRPC layer maps every code to INVALID_ARGUMENT with the message as detail. */
export type InvalidFrameCode = 'empty' | 'not_jpeg' | 'undecodable' | 'too_large_dimensions';

/** The input bytes are not a frame we can analyse. A frame without a face is NOT this: it is a result. */
export class InvalidFrameError extends Error {
  override readonly name = 'InvalidFrameError';
  readonly code: InvalidFrameCode;

  constructor(code: InvalidFrameCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}
