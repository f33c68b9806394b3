/**
 * Users, roles and sign-ins. Personal data (email, name, IP address) appears only in user-<userId>
 * streams, so erasing a person deletes that stream; audit-<tenantId> events name users by id only.
 * Passwords and tokens never enter the log: they live in the auth store.
 */
import { z } from 'zod';
import { defineEvent } from '../contract';
import { emailAddress, intInRange, isoDateTime, list, role, sha256Hex, text, uuid } from '../primitives';
import { streamNameSchema } from '../stream-names';

const ipAddress = z.union([z.ipv4(), z.ipv6()], { error: 'must be an IPv4 or IPv6 address' });

export const userInvited = defineEvent({
  type: 'UserInvited',
  version: 1,
  summary: 'An admin or staff member invited a person by email, for a role and optionally a cohort.',
  streams: { user: 'userId' },
  data: z.strictObject({
    userId: uuid,
    email: emailAddress,
    role,
    cohortId: uuid.nullable(),
    expiresAt: isoDateTime,
  }),
});

export const invitationRevoked = defineEvent({
  type: 'InvitationRevoked',
  version: 1,
  summary:
    "An admin withdrew a person's open invitation: its link no longer works (a new invitation of the same email revokes the earlier links without this event, its UserInvited says so).",
  streams: { user: 'userId' },
  data: z.strictObject({ userId: uuid, role }),
});

export const userRegistered = defineEvent({
  type: 'UserRegistered',
  version: 1,
  summary: 'A person created their account. Roles come only from UserRoleGranted/UserRoleRevoked.',
  streams: { user: 'userId' },
  data: z.strictObject({ userId: uuid, email: emailAddress, displayName: text(120) }),
});

export const userRoleGranted = defineEvent({
  type: 'UserRoleGranted',
  version: 1,
  summary: 'A user received a role in the tenant.',
  streams: { user: 'userId' },
  data: z.strictObject({ userId: uuid, role }),
});

export const userRoleRevoked = defineEvent({
  type: 'UserRoleRevoked',
  version: 1,
  summary: 'A user lost a role in the tenant.',
  streams: { user: 'userId' },
  data: z.strictObject({ userId: uuid, role }),
});

export const userSignedIn = defineEvent({
  type: 'UserSignedIn',
  version: 1,
  summary: 'A user signed in and got a new auth session.',
  streams: { user: 'userId' },
  data: z.strictObject({
    userId: uuid,
    method: z.enum(['password', 'password-reset']),
    ipAddress: ipAddress.optional(),
    userAgent: text(400).optional(),
  }),
});

export const signInFailureReasons = ['unknown-account', 'wrong-password', 'account-locked'] as const;

export const userSignInFailed = defineEvent({
  type: 'UserSignInFailed',
  version: 1,
  summary:
    'A sign-in was refused: on the user stream for a known account, on the audit stream for an unknown one (email only as SHA-256).',
  streams: { user: 'userId', audit: 'metadata.tenantId' },
  data: z
    .strictObject({
      /** SHA-256 of the trimmed, lowercased email that was typed, so attempts can be grouped without storing it. */
      emailSha256: sha256Hex,
      userId: uuid.nullable(),
      reason: z.enum(signInFailureReasons),
      ipAddress: ipAddress.optional(),
    })
    .superRefine((data, ctx) => {
      if ((data.userId === null) !== (data.reason === 'unknown-account')) {
        ctx.addIssue({
          code: 'custom',
          path: ['userId'],
          message: 'must be null exactly when the reason is unknown-account',
        });
      }
    }),
});

/** The anonymous endpoints that are throttled (numbers in packages/auth/src/throttling/policy.ts). */
export const anonymousEndpoints = [
  'sign-in',
  'password-reset-request',
  'password-reset',
  'invitation-accept',
] as const;

export type AnonymousEndpoint = (typeof anonymousEndpoints)[number];

export const anonymousRequestsThrottled = defineEvent({
  type: 'AnonymousRequestsThrottled',
  version: 1,
  summary:
    'An anonymous endpoint locked a key (an email or a client address) after too many attempts: one event per lockout, and the requests refused during it are not recorded one by one. No address is kept: only the email as SHA-256 for an account key.',
  streams: { audit: 'metadata.tenantId' },
  data: z.strictObject({
    endpoint: z.enum(anonymousEndpoints),
    scope: z.enum(['account', 'ip']),
    /** For an account key: SHA-256 of the trimmed, lowercased email; absent for an address key. */
    emailSha256: sha256Hex.optional(),
    attempts: intInRange(1, 1_000_000),
    lockedUntil: isoDateTime,
  }),
});

export const userSignedOut = defineEvent({
  type: 'UserSignedOut',
  version: 1,
  summary: 'An auth session ended: signed out, expired or revoked by an admin.',
  streams: { user: 'userId' },
  data: z.strictObject({ userId: uuid, reason: z.enum(['signed-out', 'expired', 'revoked']) }),
});

export const userDisabled = defineEvent({
  type: 'UserDisabled',
  version: 1,
  summary: 'An admin disabled an account: no sign-in, its auth sessions ended, its capture tokens refused.',
  streams: { user: 'userId' },
  data: z.strictObject({ userId: uuid }),
});

export const userEnabled = defineEvent({
  type: 'UserEnabled',
  version: 1,
  summary: 'An admin enabled a disabled account again.',
  streams: { user: 'userId' },
  data: z.strictObject({ userId: uuid }),
});

export const passwordChanged = defineEvent({
  type: 'PasswordChanged',
  version: 1,
  summary: 'A password was changed by its owner or through a reset link; other auth sessions are revoked.',
  streams: { user: 'userId' },
  data: z.strictObject({ userId: uuid, via: z.enum(['account-settings', 'reset-link']) }),
});

export const passwordResetRequested = defineEvent({
  type: 'PasswordResetRequested',
  version: 1,
  summary: 'A password reset link was sent; the token itself stays in the auth store.',
  streams: { user: 'userId' },
  data: z.strictObject({ userId: uuid, expiresAt: isoDateTime }),
});

export const userErasureRequested = defineEvent({
  type: 'UserErasureRequested',
  version: 1,
  summary:
    'A person (or an admin for them) asked for their account, media and personal data to be erased; carried out within minutes, dueBy is the legal 30-day ceiling.',
  streams: { user: 'userId', audit: 'metadata.tenantId' },
  data: z.strictObject({ userId: uuid, dueBy: isoDateTime }),
});

export const userErased = defineEvent({
  type: 'UserErased',
  version: 1,
  summary: "A person's streams with personal data and their media were deleted; only this record remains.",
  streams: { audit: 'metadata.tenantId' },
  data: z.strictObject({
    userId: uuid,
    streamsDeleted: list(streamNameSchema, 10_000),
    mediaObjectsDeleted: intInRange(0, 100_000_000),
  }),
});
