import type { z } from 'zod';
import type { AttemptClock, LockdownEvent } from '../../contracts/delivery.ts';
import { isRetryable } from './journal.ts';

export type Clock = z.infer<typeof AttemptClock>;
export type LockdownKind = LockdownEvent['kind'];

/** Marks the notepad: the only place where typing text, and the notepad's own copy and paste, are allowed. */
export const notepadAttribute = 'data-exam-notepad';

export interface LockdownOptions {
  requireFullscreen: boolean;
  /** POSTs a batch of events; resolves with the server's clock (a `fullscreen_exit` pauses the attempt). */
  send: (events: LockdownEvent[]) => Promise<Clock>;
  onClock: (clock: Clock) => void;
  onFullscreenChange: (inFullscreen: boolean) => void;
  /** A refusal retrying cannot fix (e.g. the attempt finished). */
  onRefused: (error: unknown) => void;
}

export interface Lockdown {
  /** Records an event (sent within a second; a fullscreen exit at once). */
  record: (kind: LockdownKind, detail?: string) => void;
  /** Sends what is queued and waits for it, e.g. before asking the server to resume. */
  flush: () => Promise<void>;
  stop: () => void;
}

const batchDelayMs = 1000;
const maxBatch = 100;

/** Blocked keyboard shortcuts: print, save page, view source. Nothing that keyboard or screen-reader users need. */
const blockedShortcuts: Record<string, string> = { KeyP: 'print', KeyS: 'save page', KeyU: 'view source' };

function inNotepad(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest(`[${notepadAttribute}]`) !== null;
}

/**
 * The exam's browser lockdown: records leaving full screen (the server pauses), the tab hidden and shown, the window
 * losing and regaining focus, copy/cut/paste (blocked outside the notepad), the context menu (blocked), printing
 * (blocked by a print style sheet and Ctrl+P, and recorded), dragging content out or text in (blocked) and an
 * extended display. Events go to the server in batches; failed batches are retried.
 */
export function startLockdown(options: LockdownOptions): Lockdown {
  const queue: LockdownEvent[] = [];
  let timer: number | undefined;
  let sending: Promise<void> | null = null;
  let failures = 0;
  let stopped = false;
  let dragFromNotepad = false;
  let extendedReported = false;

  function record(kind: LockdownKind, detail?: string) {
    if (stopped) return;
    queue.push({ kind, at: new Date().toISOString(), ...(detail ? { detail: detail.slice(0, 200) } : {}) });
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void flush(), kind === 'fullscreen_exit' ? 0 : batchDelayMs);
  }

  async function flush(): Promise<void> {
    while (sending) await sending;
    if (stopped || queue.length === 0) return;
    const batch = queue.splice(0, maxBatch);
    sending = (async () => {
      try {
        options.onClock(await options.send(batch));
        failures = 0;
        if (queue.length > 0) timer = window.setTimeout(() => void flush(), 0);
      } catch (error) {
        if (!isRetryable(error)) {
          options.onRefused(error);
          return;
        }
        queue.unshift(...batch);
        failures += 1;
        timer = window.setTimeout(() => void flush(), Math.min(30_000, 1000 * 2 ** (failures - 1)));
      }
    })().finally(() => {
      sending = null;
    });
    await sending;
  }

  const listeners: [EventTarget, string, (event: Event) => void][] = [
    [document, 'fullscreenchange', () => {
      const inFullscreen = document.fullscreenElement !== null;
      if (options.requireFullscreen) record(inFullscreen ? 'fullscreen_enter' : 'fullscreen_exit');
      options.onFullscreenChange(inFullscreen);
    }],
    [document, 'visibilitychange', () => record(document.visibilityState === 'hidden' ? 'visibility_hidden' : 'visibility_visible')],
    // Captured on window, element focus changes arrive here too: only the window's own count.
    [window, 'blur', (event) => {
      if (event.target === window) record('window_blur');
    }],
    [window, 'focus', (event) => {
      if (event.target === window) record('window_focus');
    }],
    // The notepad handles its own clipboard (see Notepad.tsx); everywhere else the clipboard is closed.
    ...(['copy', 'cut', 'paste'] as const).map((kind) => [document, kind, (event: Event) => {
      if (inNotepad(event.target)) return;
      event.preventDefault();
      record(kind, 'blocked');
    }] as [EventTarget, string, (event: Event) => void]),
    [document, 'contextmenu', (event) => {
      event.preventDefault();
      record('context_menu', 'blocked');
    }],
    [window, 'beforeprint', () => record('print', 'print dialog opened; the page prints blank')],
    [document, 'keydown', (event) => {
      const key = event as KeyboardEvent;
      const what = blockedShortcuts[key.code];
      if (!what || !(key.ctrlKey || key.metaKey) || key.altKey) return;
      key.preventDefault();
      record('shortcut_blocked', what);
    }],
    [document, 'dragstart', (event) => {
      dragFromNotepad = inNotepad(event.target);
      if (dragFromNotepad) return;
      event.preventDefault();
      record('drag_out', 'blocked');
    }],
    [document, 'dragend', () => {
      dragFromNotepad = false;
    }],
    // Dropping text from another window into the notepad would be a paste from outside.
    [document, 'drop', (event) => {
      if (dragFromNotepad) return;
      event.preventDefault();
      record('paste', 'drop from outside blocked');
    }],
  ];
  for (const [target, type, listener] of listeners) target.addEventListener(type, listener, true);

  const screenWithExtended = window.screen as Screen & { isExtended?: boolean } & EventTarget;
  const checkDisplays = () => {
    if (screenWithExtended.isExtended === true && !extendedReported) {
      extendedReported = true;
      record('extended_display', 'screen.isExtended is true');
    } else if (screenWithExtended.isExtended === false) {
      extendedReported = false;
    }
  };
  checkDisplays();
  const screenEvents = typeof screenWithExtended.addEventListener === 'function';
  if (screenEvents) screenWithExtended.addEventListener('change', checkDisplays);

  return {
    record,
    flush: async () => {
      window.clearTimeout(timer);
      await flush();
    },
    stop() {
      stopped = true;
      window.clearTimeout(timer);
      for (const [target, type, listener] of listeners) target.removeEventListener(type, listener, true);
      if (screenEvents) screenWithExtended.removeEventListener('change', checkDisplays);
    },
  };
}
