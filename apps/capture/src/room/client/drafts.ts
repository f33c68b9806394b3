/// <reference lib="dom" />
/**
 * Typed answers as they are written, kept in the browser's localStorage per session and answer, so a
 * reload, Back/Forward or a second tab of the same session brings the draft back. A draft is cleared
 * once the answer is sent; storage failures (private mode, quota) only lose the safety net.
 */
export class AnswerDrafts {
  constructor(private readonly sessionId: string) {}

  private key(answerId: string): string {
    return `poise-room-draft:${this.sessionId}:${answerId}`;
  }

  read(answerId: string): string | null {
    try {
      return localStorage.getItem(this.key(answerId));
    } catch {
      return null;
    }
  }

  save(answerId: string, text: string): void {
    try {
      if (text === '') localStorage.removeItem(this.key(answerId));
      else localStorage.setItem(this.key(answerId), text);
    } catch {
      // Nothing to do: the draft still goes with the answer when it ends.
    }
  }

  clear(answerId: string): void {
    this.save(answerId, '');
  }
}
