/** Largest gRPC message either way unless configured: a 1080p JPEG frame fits with room to spare. */
export const DEFAULT_MAX_MESSAGE_BYTES = 2 * 1024 * 1024;
