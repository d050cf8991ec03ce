import { useEffect, useRef } from 'react';

export interface ShortcutHandlers {
  next: () => void;
  previous: () => void;
  flag: () => void;
  review: () => void;
  /** Chooses (or un-chooses) the option at this index on screen. */
  choose: (index: number) => void;
}

const altKeys: Record<string, keyof Omit<ShortcutHandlers, 'choose'>> = { KeyN: 'next', KeyP: 'previous', KeyF: 'flag', KeyR: 'review' };
const letterIndex: Record<string, number> = { KeyA: 0, KeyB: 1, KeyC: 2, KeyD: 3, KeyE: 4 };

function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['radio', 'checkbox', 'button', 'submit', 'reset'].includes(target.type);
}

/** The runner's keys: Alt+N / Alt+P / Alt+F / Alt+R anywhere, and 1–9 or A–E to choose when focus is not in a text
 * field (the notepad). Keys use `event.code`, so they work on every layout and with Option on a Mac. Nothing
 * happens while a dialog is open, or when `handlers` is null (paused, time up). */
export function useRunnerShortcuts(handlers: ShortcutHandlers | null, singleKeys: boolean) {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      const current = latest.current;
      if (!current || event.defaultPrevented || event.ctrlKey || event.metaKey || event.repeat) return;
      if (event.target instanceof Element && event.target.closest('[role=dialog], [role=alertdialog]')) return;
      if (event.altKey) {
        const action = altKeys[event.code];
        if (!action || event.shiftKey) return;
        event.preventDefault();
        current[action]();
        return;
      }
      if (!singleKeys || event.shiftKey || isTextEntry(event.target)) return;
      const digit = /^Digit([1-9])$/.exec(event.code) ?? /^Numpad([1-9])$/.exec(event.code);
      const index = digit ? Number(digit[1]) - 1 : letterIndex[event.code];
      if (index === undefined) return;
      event.preventDefault();
      current.choose(index);
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [singleKeys]);
}
