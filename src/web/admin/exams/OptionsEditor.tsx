import { useEffect, useRef, useState } from 'react';
import { Button, Checkbox } from 'react-aria-components';
import type { ItemContent } from '../../../core/catalog/item.ts';
import { LiveMessage } from '../../ui/Alert.tsx';
import { HtmlField } from './HtmlField.tsx';
import { nextOptionId, withCorrect } from './item-draft.ts';

type Focus = { id: string; target: 'text' | 'up' | 'down' } | { id: null; target: 'add' };

/** The options of a choice item: text, correct, keep in place; add, remove and move up or down. */
export function OptionsEditor({ content, onChange }: { content: ItemContent; onChange: (content: ItemContent) => void }) {
  const listRef = useRef<HTMLOListElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  const [focus, setFocus] = useState<Focus | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const { options } = content;

  // After a move, add or remove, put focus where the user can carry on (a moved row's button may now be disabled).
  useEffect(() => {
    if (!focus) return;
    setFocus(null);
    if (focus.id === null) return addRef.current?.focus();
    const row = listRef.current?.querySelector(`[data-option="${CSS.escape(focus.id)}"]`);
    const wanted = row?.querySelector<HTMLElement>(focus.target === 'text' ? 'textarea' : `[data-move="${focus.target}"]`);
    const fallback = row?.querySelector<HTMLElement>(`[data-move="${focus.target === 'up' ? 'down' : 'up'}"]`);
    (wanted && !(wanted as HTMLButtonElement).disabled ? wanted : fallback)?.focus();
  }, [focus]);

  function setOptions(next: ItemContent['options']) {
    const ids = new Set(next.map((o) => o.id));
    onChange({ ...content, options: next, correct: content.correct.filter((k) => ids.has(k)) });
  }

  function move(index: number, by: -1 | 1) {
    const next = [...options];
    const [option] = next.splice(index, 1);
    next.splice(index + by, 0, option!);
    setOptions(next);
    setAnnouncement(`Option ${option!.id} moved to position ${index + by + 1} of ${next.length}.`);
    setFocus({ id: option!.id, target: by === -1 ? 'up' : 'down' });
  }

  function remove(index: number) {
    const option = options[index]!;
    setOptions(options.filter((_, i) => i !== index));
    setAnnouncement(`Option ${option.id} removed.`);
    const neighbour = options[index + 1] ?? options[index - 1];
    setFocus(neighbour ? { id: neighbour.id, target: 'text' } : { id: null, target: 'add' });
  }

  function add() {
    const id = nextOptionId(options.map((o) => o.id));
    setOptions([...options, { id, html: '' }]);
    setFocus({ id, target: 'text' });
  }

  return (
    <fieldset className="fieldset options-editor">
      <legend>Options</legend>
      <p className="field-description">
        {content.interaction === 'single'
          ? 'Mark the one correct option; marking another moves the key to it.'
          : `Mark the ${content.maxChoices} correct options.`}{' '}
        “Keep in place” stops an option (e.g. “None of the above”) from moving when options are shuffled.
      </p>
      <ol className="option-rows" ref={listRef}>
        {options.map((option, index) => (
          <li key={option.id} className="option-row" data-option={option.id}>
            <HtmlField
              label={`Option ${index + 1} (identifier ${option.id})`}
              name={`content.options.${index}.html`}
              rows={2}
              value={option.html}
              onChange={(html) => setOptions(options.map((o) => (o.id === option.id ? { ...o, html } : o)))}
            />
            <div className="option-controls">
              <OptionCheckbox
                label="Correct"
                accessibleLabel={`Correct: option ${index + 1}`}
                isSelected={content.correct.includes(option.id)}
                onChange={(correct) => onChange(withCorrect(content, option.id, correct))}
              />
              <OptionCheckbox
                label="Keep in place"
                accessibleLabel={`Keep in place: option ${index + 1}`}
                isSelected={option.fixed === true}
                onChange={(fixed) => setOptions(options.map((o) => (o.id === option.id ? withFixed(o, fixed) : o)))}
              />
              <span className="option-buttons">
                <Button className="button button-small" data-move="up" isDisabled={index === 0} onPress={() => move(index, -1)} aria-label={`Move option ${index + 1} up`}>
                  Up
                </Button>
                <Button className="button button-small" data-move="down" isDisabled={index === options.length - 1} onPress={() => move(index, 1)} aria-label={`Move option ${index + 1} down`}>
                  Down
                </Button>
                <Button className="button button-small button-danger" isDisabled={options.length <= 2} onPress={() => remove(index)} aria-label={`Remove option ${index + 1}`}>
                  Remove
                </Button>
              </span>
            </div>
          </li>
        ))}
      </ol>
      <LiveMessage>{announcement}</LiveMessage>
      <Button ref={addRef} className="button" onPress={add} isDisabled={options.length >= 10}>Add an option</Button>
    </fieldset>
  );
}

function withFixed<T extends { fixed?: boolean }>(option: T, fixed: boolean): T {
  const { fixed: _dropped, ...rest } = option;
  return (fixed ? { ...rest, fixed: true } : rest) as T;
}

function OptionCheckbox({ label, accessibleLabel, isSelected, onChange }: { label: string; accessibleLabel: string; isSelected: boolean; onChange: (value: boolean) => void }) {
  return (
    <Checkbox className="checkbox" isSelected={isSelected} onChange={onChange} aria-label={accessibleLabel}>
      <span className="checkbox-box" aria-hidden="true">{isSelected ? '✓' : ''}</span>
      <span aria-hidden="true">{label}</span>
    </Checkbox>
  );
}
