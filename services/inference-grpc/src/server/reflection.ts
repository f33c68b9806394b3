import { createRequire } from 'node:module';
import { dirname, relative, resolve } from 'node:path';
import type { Server } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import { protobufFileName } from '@poise/schemas/inference';
import { protoPath as healthProtoPath } from 'grpc-health-check';

/**
 * The .proto files behind the generated code, found through the schemas package itself so the path
 * holds wherever the workspace is installed (repository, container image).
 */
export function inferenceProtoRoot(): string {
  const generatedIndex = createRequire(import.meta.url).resolve('@poise/schemas/inference');
  return resolve(dirname(generatedIndex), '../../proto');
}

/**
 * Server reflection (grpcurl, grpcui, Postman list and call the API without the .proto at hand),
 * describing our service and the health service from their source .proto files.
 */
export function addReflection(server: Pick<Server, 'addService'>): void {
  // Relative to include dirs, so no local path of this machine ends up in what reflection serves.
  const healthRoot = resolve(dirname(healthProtoPath), '../..');
  const definition = loadSync([protobufFileName, relative(healthRoot, healthProtoPath)], {
    includeDirs: [inferenceProtoRoot(), healthRoot],
    keepCase: true,
    longs: String,
    enums: String,
    defaults: true,
    oneofs: true,
  });
  new ReflectionService(definition).addToServer(server);
}
