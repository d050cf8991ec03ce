import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { Button, FieldError, Label, Text, TextArea, TextField, Toolbar } from 'react-aria-components';

type Format = 'bold' | 'italic' | 'code' | 'list';

const formats: { format: Format; label: string; symbol: ReactNode; shortcut?: string }[] = [
  { format: 'bold', label: 'Bold', symbol: <strong>B</strong>, shortcut: 'Control+B' },
  { format: 'italic', label: 'Italic', symbol: <em>I</em>, shortcut: 'Control+I' },
  { format: 'code', label: 'Code', symbol: <code>{'</>'}</code> },
  { format: 'list', label: 'Bulleted list', symbol: <span>• —</span> },
];

/** A textarea for item HTML with a small formatting toolbar (bold, italic, code, bulleted list) that wraps the
 * selected text in tags. Ctrl+B and Ctrl+I work in the textarea too. */
export function HtmlField({
  label,
  name,
  description,
  value,
  onChange,
  optional = false,
  rows = 4,
}: {
  label: string;
  name: string;
  description?: ReactNode;
  value: string;
  onChange: (value: string) => void;
  optional?: boolean;
  rows?: number;
}) {
  const textareaRef = useRef<HTMLTextAreaElement>(null);

  function apply(format: Format) {
    const textarea = textareaRef.current;
    if (!textarea) return;
    const result = applyFormat(value, textarea.selectionStart, textarea.selectionEnd, format);
    onChange(result.value);
    // Back to the text with the formatted part selected, so typing replaces a placeholder.
    requestAnimationFrame(() => {
      textarea.focus();
      textarea.setSelectionRange(result.start, result.end);
    });
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
    const format = event.key.toLowerCase() === 'b' ? 'bold' : event.key.toLowerCase() === 'i' ? 'italic' : null;
    if (!format) return;
    event.preventDefault();
    apply(format);
  }

  return (
    <TextField className="field html-field" name={name} value={value} onChange={onChange} isRequired={!optional}>
      <Label className="field-label">
        {label}
        {optional ? <span className="field-optional"> (optional)</span> : null}
      </Label>
      {description ? <Text slot="description" className="field-description">{description}</Text> : null}
      <Toolbar aria-label={`Formatting: ${label}`} className="format-toolbar">
        {formats.map((f) => (
          <Button key={f.format} className="format-button" aria-label={f.label} aria-keyshortcuts={f.shortcut} onPress={() => apply(f.format)}>
            <span aria-hidden="true">{f.symbol}</span>
          </Button>
        ))}
      </Toolbar>
      <TextArea ref={textareaRef} className="field-input mono html-input" rows={rows} onKeyDown={onKeyDown} />
      <FieldError className="field-error" />
    </TextField>
  );
}

/** Wraps the selection [start, end) of `text` in the format's tags; returns the new text and what to select. */
export function applyFormat(text: string, start: number, end: number, format: Format): { value: string; start: number; end: number } {
  const selected = text.slice(start, end);
  let insert: string;
  let selectFrom: number;
  let selectTo: number;
  if (format === 'list') {
    const lines = selected.split('\n').map((line) => line.trim()).filter(Boolean);
    const items = (lines.length > 0 ? lines : ['First point']).map((line) => `  <li>${line}</li>`);
    insert = `<ul>\n${items.join('\n')}\n</ul>`;
    selectFrom = 0;
    selectTo = insert.length;
  } else {
    const tag = format === 'bold' ? 'strong' : format === 'italic' ? 'em' : 'code';
    const inner = selected || (format === 'code' ? 'code' : `${format} text`);
    insert = `<${tag}>${inner}</${tag}>`;
    selectFrom = tag.length + 2;
    selectTo = selectFrom + inner.length;
  }
  return { value: text.slice(0, start) + insert + text.slice(end), start: start + selectFrom, end: start + selectTo };
}
