/** The tenant whose audit stream records failed sign-ins that named no institution. */
export const PLATFORM_TENANT_ID = 'poise';
