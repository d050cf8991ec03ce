import { useEffect, useId, useRef, type ClipboardEvent } from 'react';
import { Button } from 'react-aria-components';
import { truncateText } from '../../core/shared/text.ts';
import { notepadAttribute } from './lockdown.ts';

export const notesMaxLength = 20_000;

/**
 * The notepad, saved with the answers (journal key `notes`). It has its own clipboard: copy and cut keep the text
 * inside the exam (the system clipboard is never written), and paste inserts that text, never what another program
 * put on the system clipboard. So notes can be rearranged freely, but nothing comes in from outside or goes out.
 */
export function Notepad({ value, onChange, onClose, onOutsidePaste }: {
  value: string;
  onChange: (value: string) => void;
  onClose: () => void;
  onOutsidePaste: () => void;
}) {
  const id = useId();
  const area = useRef<HTMLTextAreaElement>(null);
  const clipboard = useRef('');

  useEffect(() => {
    area.current?.focus();
  }, []);

  function selection(): string {
    const el = area.current;
    return el ? el.value.slice(el.selectionStart, el.selectionEnd) : '';
  }

  /** Replaces the selection through the editing commands, so the browser's undo keeps working; falls back to
   * setting the value where `insertText` is not supported. */
  function replaceSelection(text: string) {
    const el = area.current;
    if (!el) return;
    el.focus();
    if (document.execCommand('insertText', false, text)) return;
    const next = el.value.slice(0, el.selectionStart) + text + el.value.slice(el.selectionEnd);
    onChange(truncateText(next, notesMaxLength));
  }

  function onCopy(event: ClipboardEvent<HTMLTextAreaElement>) {
    event.preventDefault();
    clipboard.current = selection();
  }

  function onCut(event: ClipboardEvent<HTMLTextAreaElement>) {
    event.preventDefault();
    clipboard.current = selection();
    if (clipboard.current) replaceSelection('');
  }

  function onPaste(event: ClipboardEvent<HTMLTextAreaElement>) {
    event.preventDefault();
    if (clipboard.current) replaceSelection(clipboard.current);
    else if (event.clipboardData.getData('text/plain')) onOutsidePaste();
  }

  return (
    <aside className="notepad" aria-labelledby={`${id}-heading`}>
      <div className="notepad-head">
        <h2 id={`${id}-heading`} className="notepad-title">Notepad</h2>
        <Button className="button button-small" onPress={onClose}>Close notepad</Button>
      </div>
      <label htmlFor={`${id}-notes`} className="field-label">Your notes</label>
      <p id={`${id}-help`} className="field-description">
        Saved with your answers. Copy and paste work inside the notepad only.
      </p>
      <textarea
        id={`${id}-notes`}
        ref={area}
        className="field-input notepad-text"
        aria-describedby={`${id}-help`}
        value={value}
        maxLength={notesMaxLength}
        onChange={(event) => onChange(truncateText(event.target.value, notesMaxLength))}
        onCopy={onCopy}
        onCut={onCut}
        onPaste={onPaste}
        spellCheck={false}
        {...{ [notepadAttribute]: '' }}
      />
    </aside>
  );
}
