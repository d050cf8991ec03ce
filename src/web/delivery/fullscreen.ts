/** Asks the browser for full screen on the whole page (dialogs render at the end of `<body>`, so they stay visible).
 * Must run inside a click or key press. Resolves false when the browser refuses. */
export async function enterFullscreen(): Promise<boolean> {
  if (!document.fullscreenElement) {
    if (!document.documentElement.requestFullscreen) return false;
    try {
      await document.documentElement.requestFullscreen({ navigationUI: 'hide' });
    } catch {
      return false;
    }
  }
  lockEscape();
  return true;
}

/** In full screen the browser leaves full screen on Escape, which candidates also press to close a dialog: that
 * would pause the exam. The Keyboard Lock API (Chromium, full screen only) hands a short Escape press to the page
 * instead; holding Escape still leaves full screen, and the browser says so. Elsewhere nothing changes. */
function lockEscape(): void {
  const keyboard = (navigator as Navigator & { keyboard?: { lock?: (codes: string[]) => Promise<void> } }).keyboard;
  keyboard?.lock?.(['Escape']).catch(() => undefined);
}

/** Leaves full screen if the page is in it (the result screen). */
export function leaveFullscreen(): void {
  if (document.fullscreenElement) document.exitFullscreen().catch(() => undefined);
}
