import { useState } from 'react';
import { Button, ComboBox, FieldError, Input, Label, ListBox, ListBoxItem, Popover, Text, type Key } from 'react-aria-components';
import { UserList } from '../../contracts/admin.ts';
import { useApiData } from '../lib/use-api-data.ts';
import { useDebounced } from '../lib/use-debounced.ts';

/** A combobox that searches users by email or name on the server and returns the chosen user's id. */
export function UserPicker({ value, onChange }: { value: string | null; onChange: (userId: string | null) => void }) {
  const [input, setInput] = useState('');
  const [query, setQuery] = useState('');
  const q = useDebounced(query.trim(), 250);
  const users = useApiData('/admin/users', UserList, { q: q || undefined, limit: 20 });
  const items = users.data?.users ?? [];

  function onInputChange(text: string) {
    setInput(text);
    // Choosing a user fills the input with their email; that is not a new search.
    if (!items.some((user) => user.email === text)) setQuery(text);
  }

  return (
    <ComboBox
      className="field"
      name="userId"
      isRequired
      items={items}
      value={value}
      onChange={(key: Key | null) => {
        const chosen = items.find((user) => user.id === key);
        // With a controlled input, the chosen user's email has to be put into it here.
        if (chosen) setInput(chosen.email);
        onChange(chosen ? chosen.id : null);
      }}
      inputValue={input}
      onInputChange={onInputChange}
      // The server already filtered by the typed text; filtering again here would hide its matches by name.
      defaultFilter={() => true}
      allowsEmptyCollection
      validate={(current) => (current.value === null && current.inputValue !== '' ? 'Choose a user from the list.' : null)}
    >
      <Label className="field-label">User</Label>
      <Text slot="description" className="field-description">
        Type an email address or name, then choose the account the token acts as.
      </Text>
      <div className="combobox-control">
        <Input className="field-input" />
        <Button className="combobox-button" aria-label="Show users">
          <span aria-hidden="true">▾</span>
        </Button>
      </div>
      <FieldError className="field-error" />
      <Popover className="popover">
        <ListBox
          className="listbox"
          renderEmptyState={() => <p className="listbox-empty">{users.loading ? 'Searching…' : 'No user matches.'}</p>}
        >
          {(user: (typeof items)[number]) => (
            <ListBoxItem className="listbox-item" id={user.id} textValue={user.email}>
              {user.email} <span className="muted">({user.legalName}; {user.roles.join(', ')})</span>
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}
