/** The UserRegistered contract's bound on display names. */
export const MAX_DISPLAY_NAME_LENGTH = 120;

export type DisplayNameCheck =
  | { readonly ok: true; readonly displayName: string }
  | { readonly ok: false; readonly message: string };

/** Trims and collapses inner whitespace, then checks 1–120 characters, as the event contract requires. */
export function checkDisplayName(raw: string): DisplayNameCheck {
  const displayName = raw.trim().replace(/\s+/g, ' ');
  if (displayName === '') return { ok: false, message: 'Enter the name others should see.' };
  if ([...displayName].length > MAX_DISPLAY_NAME_LENGTH) {
    return { ok: false, message: `Use at most ${MAX_DISPLAY_NAME_LENGTH} characters for your name.` };
  }
  return { ok: true, displayName };
}
