import type { status } from '@grpc/grpc-js';

/**
 * A failure whose status the caller caused or can act on (bad input, overload, deadline): its
 * details go back to the client verbatim. Anything else becomes INTERNAL with a correlation id.
 */
export class RequestError extends Error {
  constructor(
    readonly code: status,
    message: string,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}
