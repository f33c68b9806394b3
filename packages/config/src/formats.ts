import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * How one environment variable's text becomes a typed value. `expected` is the wording used both in
 * error messages and when a required variable is missing, so both read the same.
 */
export interface Format<T> {
  readonly expected: string;
  readonly schema: z.ZodType<T>;
}

function format<T>(expected: string, schema: z.ZodType<T>): Format<T> {
  return { expected, schema };
}

export function oneOf<const T extends readonly [string, ...string[]]>(values: T): Format<T[number]> {
  const expected = `one of ${values.join(', ')}`;
  return format(expected, z.enum(values, { error: expected }));
}

const portExpected = 'an integer port from 0 to 65535';
/** Digits only, so "3000abc", "3e3" and " 3000" are refused rather than half-read. Port 0 asks for a free port. */
export const port = format(
  portExpected,
  z
    .string()
    .regex(/^\d{1,5}$/, { error: portExpected })
    .transform(Number)
    .refine((value) => value <= 65_535, { error: portExpected }),
);

const threadsExpected = 'an integer from 1 to 64';
/** Thread counts for the inference pools; more than 64 on one process is a mistake, not a setting. */
export const threadCount = format(
  threadsExpected,
  z
    .string()
    .regex(/^\d{1,2}$/, { error: threadsExpected })
    .transform(Number)
    .refine((value) => value >= 1 && value <= 64, { error: threadsExpected }),
);

const flagExpected = 'true, false, 1 or 0';
/** Exactly true/false/1/0 in lower case: "yes" or "TRUE" are refused so a typo never flips a switch. */
const minutesExpected = 'whole minutes from 1 to 1440 (a day)';
export const minutes = format(
  minutesExpected,
  z
    .string()
    .regex(/^\d{1,4}$/, { error: minutesExpected })
    .transform(Number)
    .refine((value) => value >= 1 && value <= 1440, { error: minutesExpected }),
);

export const flag = format(
  flagExpected,
  z.stringbool({ truthy: ['true', '1'], falsy: ['false', '0'], case: 'sensitive', error: flagExpected }),
);

export const text = format('a non-empty value', z.string());

/** Relative paths are resolved against the working directory at boot, so later chdir calls change nothing. */
export const path = format(
  'a file system path',
  z.string().transform((value) => resolve(value)),
);

const hostExpected = 'a host name or IP address without scheme or port';
export const host = format(
  hostExpected,
  z.string().regex(/^(?:[A-Za-z0-9.-]+|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*)$/, hostExpected),
);

const identifierExpected =
  'a ClickHouse identifier (letters, digits, underscores; not starting with a digit)';
export const identifier = format(
  identifierExpected,
  z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, identifierExpected),
);

const bucketExpected = 'an S3 bucket name (3-63 lower-case letters, digits, dots or hyphens)';
export const bucketName = format(
  bucketExpected,
  z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, bucketExpected),
);

const secretExpected = 'at least 32 characters';
export const sessionSecret = format(secretExpected, z.string().min(32, { error: secretExpected }));

function urlWithScheme(schemes: readonly string[], expected: string): Format<string> {
  return format(
    expected,
    z.string().refine((value) => URL.canParse(value) && schemes.includes(new URL(value).protocol), {
      error: expected,
    }),
  );
}

export const httpUrl = urlWithScheme(['http:', 'https:'], 'an http:// or https:// URL');

export const postgresUrl = urlWithScheme(
  ['postgres:', 'postgresql:'],
  'a postgres:// or postgresql:// connection URL',
);

const esdbExpected = 'a connection string starting esdb:// or esdb+discover://';
/** @eventstore/db-client 6 throws on kurrentdb:// strings, so say so at boot instead of at first connect. */
export const esdbUrl = format(
  esdbExpected,
  z.string().superRefine((value, context) => {
    if (value.startsWith('kurrentdb://') || value.startsWith('kurrentdb+discover://')) {
      context.addIssue({
        code: 'custom',
        message: `${esdbExpected} (@eventstore/db-client rejects kurrentdb://; write esdb://host:2113?tls=false)`,
      });
    } else if (!/^esdb(\+discover)?:\/\/[^/?#\s]+/.test(value)) {
      context.addIssue({ code: 'custom', message: esdbExpected });
    }
  }),
);

const grpcTargetExpected = 'a gRPC target host:port, e.g. localhost:50051';
/** grpc-js targets carry no scheme; IPv6 hosts go in brackets. */
export const grpcTarget = format(
  grpcTargetExpected,
  z.string().regex(/^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\]):\d{1,5}$/, grpcTargetExpected),
);

const publicUrlExpected =
  'an http:// or https:// base URL without query or fragment, e.g. https://poise.example.edu';
/** A base URL that paths are appended to; the trailing slash is dropped so `${url}/room` never doubles it. */
export const publicUrl = format(
  publicUrlExpected,
  z
    .string()
    .refine(
      (value) => {
        if (!URL.canParse(value)) return false;
        const url = new URL(value);
        return ['http:', 'https:'].includes(url.protocol) && !/[?#]/.test(value);
      },
      { error: publicUrlExpected },
    )
    .transform((value) => value.replace(/\/+$/, '')),
);

const mailAddressExpected = 'one plain e-mail address, e.g. poise@careers.example.ac.uk';
/** A bare address (no display name): it becomes the From header, so nothing that could add headers. */
export const mailAddress = format(
  mailAddressExpected,
  z.string().regex(/^[^\s@<>,;"]+@[A-Za-z0-9.-]+$/, mailAddressExpected),
);
