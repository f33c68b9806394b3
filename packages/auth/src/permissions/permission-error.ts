import type { Permission } from './permissions';

export type PermissionDenialReason = 'missing-permission' | 'not-owner' | 'other-tenant';

/**
 * Thrown by requirePermission; the console turns it into a 403 response. The message names the
 * permission and the rule that refused it, for logs; it is not meant for the person refused.
 */
export class PermissionError extends Error {
  override readonly name = 'PermissionError';
  readonly status = 403;

  constructor(
    readonly permission: Permission,
    readonly reason: PermissionDenialReason,
    detail: string,
  ) {
    super(`Permission ${permission} refused (${reason}): ${detail}`);
  }
}
