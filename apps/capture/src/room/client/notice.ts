/**
 * The consent notice: its exact text is built from the session's policy, shown line by line, and
 * its SHA-256 is sent with the decision, so the ConsentGiven event proves which words were agreed to.
 * Bump NOTICE_VERSION whenever the wording changes.
 */
export const NOTICE_VERSION = 'room-notice-1';

export const FRAME_RATE = 5;
export const FRAME_WIDTH = 320;
export const FRAME_HEIGHT = 240;
export const AUDIO_SAMPLE_RATE = 16_000;

export interface NoticePolicy {
  readonly expressionAnalysis: boolean;
  readonly rawMediaRetentionDays: number;
}

export interface NoticeSection {
  readonly heading: string;
  readonly text: string;
}

export function noticeSections(policy: NoticePolicy): readonly NoticeSection[] {
  const days = `${policy.rawMediaRetentionDays} day${policy.rawMediaRetentionDays === 1 ? '' : 's'}`;
  return [
    {
      heading: 'What is recorded',
      text:
        `While you answer, your camera is recorded as still pictures, ${FRAME_RATE} per second, reduced to ` +
        `${FRAME_WIDTH}×${FRAME_HEIGHT} pixels (JPEG), and your microphone as sound (16-bit, ` +
        `${AUDIO_SAMPLE_RATE / 1000} kHz). What you say is also written down as a transcript.`,
    },
    {
      heading: 'What is analysed',
      text: policy.expressionAnalysis
        ? 'Whether your face is in the picture, where your head is turned (eye contact), your facial ' +
          'expressions and a composure score derived from them; pauses, loudness, pitch and pace of your ' +
          'voice; and your answers against the question’s key points. Expression analysis is contested ' +
          'science: treat it as a hint, never a verdict.'
        : 'Whether your face is in the picture and where your head is turned (eye contact); pauses, loudness, ' +
          'pitch and pace of your voice; and your answers against the question’s key points. Your ' +
          'institution has switched facial expression analysis off: no expressions or composure are inferred.',
    },
    {
      heading: 'How long it is kept',
      text:
        `The pictures and sound are deleted ${days} after the session. The scores and the transcript ` +
        'derived from them are kept in your reports until you ask for your data to be erased.',
    },
    {
      heading: 'Who can see it',
      text:
        'You, and the careers staff and administrators of your institution. Every time someone other than ' +
        'you opens your session, it is recorded in the audit trail. Poise is for practice, not for hiring decisions.',
    },
  ];
}

/** The exact text that is hashed: headings and paragraphs, one per line. */
export function noticeText(policy: NoticePolicy): string {
  return noticeSections(policy)
    .map((section) => `${section.heading}\n${section.text}`)
    .join('\n\n');
}

/** Lower-case hex SHA-256 of the UTF-8 text, with the Web Crypto API (browsers and Node alike). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
