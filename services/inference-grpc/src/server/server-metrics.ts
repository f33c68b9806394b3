import type { status } from '@grpc/grpc-js';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { statusName } from './status-name';

export interface ServerMetrics {
  /** Call finished with `code`; `seconds` from arrival to status. */
  observeCall(method: string, code: status, seconds: number): void;
  /** One frame of an AnalyzeFrames stream answered with `code` (OK or the frame's error). */
  observeStreamFrame(code: status): void;
  setLoad(running: number, queued: number): void;
}

export function createServerMetrics(registry: Registry): ServerMetrics {
  const calls = new Counter({
    name: 'poise_inference_grpc_requests_total',
    help: 'Inference gRPC calls by method and final status code',
    labelNames: ['method', 'code'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'poise_inference_grpc_request_duration_seconds',
    help: 'Inference gRPC call latency, arrival to status, by method',
    labelNames: ['method'],
    // Frames take a few ms, audio chunks tens of ms, streams as long as the client keeps them open.
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10, 60],
    registers: [registry],
  });
  const frames = new Counter({
    name: 'poise_inference_grpc_stream_frames_total',
    help: 'Frames answered on AnalyzeFrames streams by status code',
    labelNames: ['code'],
    registers: [registry],
  });
  const inFlight = new Gauge({
    name: 'poise_inference_in_flight',
    help: 'Inferences running now',
    registers: [registry],
  });
  const queued = new Gauge({
    name: 'poise_inference_queued',
    help: 'Inferences waiting for a slot',
    registers: [registry],
  });
  return {
    observeCall(method, code, seconds) {
      calls.inc({ method, code: statusName(code) });
      latency.observe({ method }, seconds);
    },
    observeStreamFrame(code) {
      frames.inc({ code: statusName(code) });
    },
    setLoad(running, waiting) {
      inFlight.set(running);
      queued.set(waiting);
    },
  };
}
