/**
 * Process-wide wake-up calls, keyed by database file. Every log instance of this process that
 * writes to a file (append, nack, replay) calls `announceLocalChange`, and every waiter on that file
 * wakes at once, whichever instance it belongs to. Other processes are noticed by polling.
 */
type Listener = () => void;

const listenersByFile = new Map<string, Set<Listener>>();

export function onLocalChange(file: string, listener: Listener): () => void {
  let listeners = listenersByFile.get(file);
  if (!listeners) {
    listeners = new Set();
    listenersByFile.set(file, listeners);
  }
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) listenersByFile.delete(file);
  };
}

export function announceLocalChange(file: string): void {
  const listeners = listenersByFile.get(file);
  if (!listeners) return;
  for (const listener of [...listeners]) listener();
}
