/** One line saying what an audit entry's numbers mean, for the entries whose action name does not say it all. */
import type { AuditEntry } from '@poise/read-models';

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

export function auditSummary(entry: Pick<AuditEntry, 'action' | 'details'>): string | null {
  const details = entry.details;
  if (entry.action === 'UserErased') {
    const streams = Array.isArray(details.streamsDeleted) ? details.streamsDeleted.length : 0;
    const media = typeof details.mediaObjectsDeleted === 'number' ? details.mediaObjectsDeleted : 0;
    return `Erased candidate: ${plural(streams, 'record stream')} and ${plural(media, 'media object')} deleted`;
  }
  if (entry.action === 'UserErasureRequested') return 'Erasure of the account and its data asked for';
  if (entry.action === 'MediaDeleted' && typeof details.objectCount === 'number') {
    return `${plural(details.objectCount, 'media object')} deleted (${String(details.reason)})`;
  }
  if (entry.action === 'CaptureCompleted' && typeof details.frames === 'number') {
    const chunks = typeof details.audioChunks === 'number' ? details.audioChunks : 0;
    return `${plural(details.frames, 'frame')} and ${plural(chunks, 'audio chunk')} captured`;
  }
  if (entry.action === 'AnalysesCompleted' && typeof details.framesAnalysed === 'number') {
    const chunks = typeof details.audioChunksAnalysed === 'number' ? details.audioChunksAnalysed : 0;
    const scored = typeof details.answersScored === 'number' ? details.answersScored : 0;
    const models = Array.isArray(details.models) ? details.models.length : 0;
    return `${plural(details.framesAnalysed, 'frame')}, ${plural(chunks, 'audio chunk')} analysed; ${plural(scored, 'answer')} scored; ${plural(models, 'model version')}`;
  }
  return null;
}
