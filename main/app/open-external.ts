/**
 * The one way the desktop app opens a link outside itself: only http(s) URLs, parsed (not
 * pattern-matched), so file:, javascript:, custom protocol handlers and the like never reach the OS.
 */
export function isSafeExternalUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

export async function openExternalSafely(raw: string, open: (url: string) => Promise<void>): Promise<boolean> {
  if (!isSafeExternalUrl(raw)) return false;
  await open(new URL(raw).toString());
  return true;
}
