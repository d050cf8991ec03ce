import { useRef, useState } from 'react';
import { Button, Input, Label, TextField } from 'react-aria-components';
import { LiveMessage } from './Alert.tsx';

/** A read-only text with a Copy button; the outcome is announced. */
export function CopyField({ label, value }: { label: string; value: string }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState('');

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setMessage('Copied to the clipboard.');
    } catch {
      // Clipboard access can be refused (plain http, permissions): select the text so Ctrl+C works.
      inputRef.current?.focus();
      inputRef.current?.select();
      setMessage('Copying was blocked by the browser. The text is selected: press Ctrl+C (or ⌘+C) to copy it.');
    }
  }

  return (
    <div className="copy-field">
      <TextField className="field" value={value} isReadOnly>
        <Label className="field-label">{label}</Label>
        <div className="copy-control">
          <Input ref={inputRef} className="field-input mono" onFocus={(e) => e.currentTarget.select()} />
          <Button className="button" onPress={copy}>Copy</Button>
        </div>
      </TextField>
      <LiveMessage>{message}</LiveMessage>
    </div>
  );
}
