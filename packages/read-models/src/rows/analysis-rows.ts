import type { DateTime64Text, Provenance, SessionScope } from './row-shapes';

export interface MediaRefRow extends SessionScope, Provenance {
  offset_ms: number;
  kind: 'frame' | 'audio';
  media_id: string;
  answer_id: string | null;
  sequence: number;
  sha256: string;
  content_type: string;
  bytes: number;
  width: number | null;
  height: number | null;
  sample_rate: number | null;
  channels: number | null;
  samples: number | null;
  expires_at: DateTime64Text;
}

export interface FrameRow extends SessionScope, Provenance {
  offset_ms: number;
  frame_id: string;
  answer_id: string | null;
  face_count: number;
  eye_contact: boolean;
  head_yaw_deg: number | null;
  head_pitch_deg: number | null;
  head_roll_deg: number | null;
  expression_enabled: boolean;
  composure: number | null;
  angry: number | null;
  disgust: number | null;
  fear: number | null;
  happy: number | null;
  sad: number | null;
  surprise: number | null;
  neutral: number | null;
}

export interface AudioChunkRow extends SessionScope, Provenance {
  offset_ms: number;
  duration_ms: number;
  chunk_id: string;
  answer_id: string | null;
  speech_share: number;
  speech_ms: number;
  pause_count: number;
  longest_pause_ms: number;
  loudness_mean_dbfs: number | null;
  loudness_std_db: number | null;
  pitch_mean_hz: number | null;
  pitch_std_hz: number | null;
  monotone: boolean;
}

export interface AnswerSuggestion {
  code: string;
  message: string;
  feature: string;
  value: number | null;
}

export interface AnswerRow extends SessionScope, Provenance {
  answer_id: string;
  question_id: string;
  follow_up_id: string | null;
  word_count: number;
  speaking_time_ms: number;
  relevance: number;
  coverage_share: number;
  matched_key_points: string[];
  missed_key_points: string[];
  similarity: number;
  star_situation: number | null;
  star_task: number | null;
  star_action: number | null;
  star_result: number | null;
  words_per_minute: number;
  filler_count: number;
  fillers_per_minute: number;
  top_fillers: { word: string; count: number }[];
  vocal_confidence: number;
  suggestions: AnswerSuggestion[];
  /** AnswerScored.scoreVersion: a re-score is a new row; readers keep the highest per answer. */
  score_version: number;
  /** 'scored', or 'no-transcript' (delivery only: the content figures are 0 and mean nothing). */
  content: 'scored' | 'no-transcript';
  /** Audio chunks of the answer not analysed when it was scored. */
  missing_audio_chunks: number;
}

export interface StressAlertRow extends SessionScope, Provenance {
  answer_id: string | null;
  window_start_ms: number;
  window_end_ms: number;
  frame_count: number;
  negative_share: number;
  threshold: number;
  dominant_expression: string;
}

export interface ReportAnswer {
  answer_id: string;
  question_id: string;
  follow_up_id: string | null;
  relevance: number | null;
  vocal_confidence: number | null;
  words_per_minute: number | null;
}

/** How one answer of a report stands, parallel to `answers`. */
export interface ReportAnswerScoring {
  answer_id: string;
  scoring: 'scored' | 'delivery-only' | 'failed' | 'not-scored';
  score_version: number | null;
}

export interface ReportRow extends SessionScope, Provenance {
  question_set_id: string;
  duration_ms: number;
  composure_mean: number | null;
  eye_contact_share: number | null;
  words_per_minute: number | null;
  fillers_per_minute: number | null;
  vocal_confidence: number | null;
  relevance: number | null;
  stress_alerts: number;
  expression_angry: number | null;
  expression_disgust: number | null;
  expression_fear: number | null;
  expression_happy: number | null;
  expression_sad: number | null;
  expression_surprise: number | null;
  expression_neutral: number | null;
  answers: ReportAnswer[];
  answer_scoring: ReportAnswerScoring[];
}
