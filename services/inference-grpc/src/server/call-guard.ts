import { createHash, timingSafeEqual } from 'node:crypto';
import {
  type Metadata,
  type Server,
  ServerInterceptingCall,
  type ServerInterceptor,
  type ServiceDefinition,
  status,
  type UntypedServiceImplementation,
} from '@grpc/grpc-js';

/** Calls to these services need no token: a probe learns whether the server is serving, nothing more. */
const OPEN_SERVICE_PREFIXES = ['/grpc.health.v1.Health/'] as const;

export const AUTHORIZATION_METADATA = 'authorization';

/** Metadata carrying `token` as the server expects it (`authorization: Bearer <token>`). */
export function tokenMetadata(metadata: Metadata, token: string): Metadata {
  metadata.set(AUTHORIZATION_METADATA, `Bearer ${token}`);
  return metadata;
}

/**
 * Stands in for a request message the protobuf decoder refused. grpc-js answers a decoder exception
 * with INTERNAL ("Error deserializing request"), which blames the server for the client's bytes; so
 * the decoders are wrapped to return this instead, and the guard refuses it with INVALID_ARGUMENT
 * before any handler sees it.
 */
export class UndecodableRequest {
  constructor(
    readonly method: string,
    readonly reason: string,
  ) {}
}

/** The same service with decoders that never throw (they return an UndecodableRequest). */
export function tolerantDecoding<Definition extends ServiceDefinition>(definition: Definition): Definition {
  const wrapped: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(definition)) {
    const decode = method.requestDeserialize;
    wrapped[name] = {
      ...method,
      requestDeserialize: (bytes: Buffer) => {
        try {
          return decode(bytes);
        } catch (error) {
          return new UndecodableRequest(method.path, error instanceof Error ? error.message : String(error));
        }
      },
    };
  }
  return wrapped as Definition;
}

/**
 * A server whose `addService` makes decoding tolerant, for libraries that add their own services
 * (health, reflection) through `addToServer(server)`.
 */
export function tolerantServer(server: Server): Pick<Server, 'addService'> & Server {
  return new Proxy(server, {
    get(target, property, receiver) {
      if (property === 'addService') {
        return (definition: ServiceDefinition, implementation: UntypedServiceImplementation) =>
          target.addService(tolerantDecoding(definition), implementation);
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Why `metadata` does not carry the token, or null when it does; compares in constant time. */
export function tokenRefusal(metadata: Metadata, expectedDigest: Buffer): string | null {
  const values = metadata.get(AUTHORIZATION_METADATA);
  if (values.length === 0) {
    return 'missing inference token: send metadata "authorization: Bearer <POISE_INFERENCE_TOKEN>"';
  }
  const value = values[0];
  if (values.length > 1 || typeof value !== 'string' || !value.startsWith('Bearer ')) {
    return 'malformed authorization metadata: expected one "Bearer <token>" value';
  }
  const presented = digest(value.slice('Bearer '.length));
  return timingSafeEqual(presented, expectedDigest) ? null : 'invalid inference token';
}

export interface CallGuardOptions {
  /** The token every call outside the health service must present. */
  readonly token: string;
  /** A refused call, for metrics: the method's path and the status it got. */
  readonly onRefused?: (path: string, code: status) => void;
}

/**
 * The server interceptor in front of every method: a call without the shared token is answered
 * UNAUTHENTICATED before its handler starts (nothing is decoded into work, nothing computed), and a
 * request message the decoder refused is answered INVALID_ARGUMENT. Health checks need no token.
 */
export function callGuard(options: CallGuardOptions): ServerInterceptor {
  if (options.token.length === 0) throw new RangeError('the inference token must not be empty');
  const expected = digest(options.token);
  const refused = options.onRefused ?? (() => {});
  return (method, call) => {
    const open = OPEN_SERVICE_PREFIXES.some((prefix) => method.path.startsWith(prefix));
    let answered = false;
    const refuse = (code: status, details: string) => {
      answered = true;
      refused(method.path, code);
      call.sendStatus({ code, details });
    };
    return new ServerInterceptingCall(call, {
      start: (next) => {
        next({
          onReceiveMetadata: (metadata, passOn) => {
            const refusal = open ? null : tokenRefusal(metadata, expected);
            if (refusal === null) passOn(metadata);
            else refuse(status.UNAUTHENTICATED, refusal);
          },
          onReceiveMessage: (message, passOn) => {
            if (answered) return;
            if (message instanceof UndecodableRequest) {
              refuse(
                status.INVALID_ARGUMENT,
                `request to ${message.method} is not a valid protobuf message: ${message.reason}`,
              );
              return;
            }
            passOn(message);
          },
          onReceiveHalfClose: (passOn) => {
            if (!answered) passOn();
          },
        });
      },
    });
  };
}
