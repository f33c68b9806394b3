import type { DateTime64Text, UInt64Text } from './row-shapes';

export interface CheckpointRow {
  projector_id: string;
  state: 'pending' | 'committed';
  position: UInt64Text;
  /** Exclusive start of the batch; null when it starts at the beginning of the log. */
  after_position: UInt64Text | null;
  written_at: DateTime64Text;
}

export interface ParkedRow {
  projector_id: string;
  position: UInt64Text;
  event_id: string;
  event_type: string;
  stream_name: string;
  recorded_at: DateTime64Text;
  reason: string;
  data: string;
  metadata: string;
  version: UInt64Text;
}
