export class AuthStoreError extends Error {}

/** A tenant holds at most one account per normalised email. */
export class AccountExistsError extends AuthStoreError {
  override readonly name = 'AccountExistsError';
  constructor(
    readonly tenantId: string,
    readonly email: string,
  ) {
    super(`Tenant ${tenantId} already has an account for this email address`);
  }
}

export class UserNotFoundError extends AuthStoreError {
  override readonly name = 'UserNotFoundError';
  constructor(readonly userId: string) {
    super(`No user with id ${userId}`);
  }
}
