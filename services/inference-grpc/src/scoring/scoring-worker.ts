/**
 * Entry point of one scoring thread (run through `spawnTypeScriptWorker`): scores answers one at a
 * time, synchronously, so a long one blocks this thread and never the server's event loop. The pool
 * terminates the thread when an answer overruns its time budget.
 */
import { parentPort } from 'node:worker_threads';
import { type AnswerScoringInput, scoreAnswer } from '../answers/score-answer';
import { serializeError } from '../pool/errors';
import type { ScoringReply, ScoringRequest } from './protocol';

if (parentPort === null) throw new Error('scoring-worker.ts must run in a worker thread');
const port = parentPort;
const reply = (message: ScoringReply) => port.postMessage(message);

port.on('message', (request: ScoringRequest) => {
  if (request.kind === 'close') {
    port.close();
    return;
  }
  try {
    reply({ kind: 'result', id: request.id, result: scoreAnswer(request.input as AnswerScoringInput) });
  } catch (error) {
    reply({ kind: 'failed', id: request.id, error: serializeError(error) });
  }
});
reply({ kind: 'ready' });
