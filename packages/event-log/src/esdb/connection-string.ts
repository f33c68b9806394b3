/**
 * Client 6.2 predates the KurrentDB rename and rejects `kurrentdb://` (and `kdb://`), though the
 * rest of the syntax is the same; rewrite the scheme so either spelling works in config.
 */
export function toClientConnectionString(connectionString: string): string {
  return connectionString.replace(/^(?:kurrentdb|kurrent|kdb)(\+discover)?:\/\//i, 'esdb$1://');
}
