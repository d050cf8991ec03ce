import { useId, useState } from 'react';
import { Checkbox, CheckboxGroup, Radio, RadioGroup, Text } from 'react-aria-components';
import { LiveMessage } from '../ui/Alert.tsx';
import { orderOptions, type DeliveredOption } from './option-order.ts';

/** An item as the candidate's browser receives it: no key, no rationale, no scoring. */
export interface DeliveredItem {
  interaction: 'single' | 'multiple';
  /** Sanitized HTML (the server keeps only allow-listed tags and attributes). */
  stem: string;
  options: readonly DeliveredOption[];
  /** How many options to choose: 1 for single response, N for "choose N". */
  maxChoices: number;
}

export interface ItemViewProps {
  item: DeliveredItem;
  /** The chosen option ids. */
  value: readonly string[];
  onChange?: (value: string[]) => void;
  /** The candidate's option order (option ids), e.g. from the assembled form; authored order without it. */
  optionOrder?: readonly string[];
  /** Shows the response without letting it change (review screens, score reports, version history). */
  readOnly?: boolean;
  /** Text before the stem, e.g. "Question 3 of 65"; it becomes part of the answer group's name. */
  label?: string;
}

/** One item exactly as a candidate sees it: the stem, then the options as a radio group (single response) or a
 * checkbox group limited to N choices (multiple response). Never shows which options are correct. */
export function ItemView({ item, value, onChange, optionOrder, readOnly = false, label }: ItemViewProps) {
  const labelId = useId();
  const stemId = useId();
  const [limitMessage, setLimitMessage] = useState('');
  const options = orderOptions(item.options, optionOrder);
  const labelledBy = label ? `${labelId} ${stemId}` : stemId;

  return (
    <div className="item-view">
      {label ? <p id={labelId} className="item-label">{label}</p> : null}
      {/* Sanitized on the server by an allow-list; rendering it as HTML keeps the author's code, lists and emphasis. */}
      <div id={stemId} className="item-stem rich-text" dangerouslySetInnerHTML={{ __html: item.stem }} />
      {item.interaction === 'single' ? (
        <RadioGroup
          className="choice-group"
          aria-labelledby={labelledBy}
          value={value[0] ?? null}
          onChange={(chosen) => onChange?.([chosen])}
          isReadOnly={readOnly}
        >
          <Text slot="description" className="item-instructions">Choose one.</Text>
          {options.map((option) => (
            <Radio key={option.id} value={option.id} className="choice">
              <span className="choice-mark choice-mark-radio" aria-hidden="true" />
              <OptionText html={option.html} />
            </Radio>
          ))}
        </RadioGroup>
      ) : (
        <CheckboxGroup
          className="choice-group"
          aria-labelledby={labelledBy}
          value={[...value]}
          isReadOnly={readOnly}
          onChange={(chosen) => {
            // Refusing the extra choice (rather than disabling the other options) keeps every option readable
            // and reachable, and says why nothing happened.
            if (chosen.length > item.maxChoices) {
              setLimitMessage(`You have already chosen ${item.maxChoices}. Clear one of your choices to choose another.`);
              return;
            }
            setLimitMessage('');
            onChange?.(chosen);
          }}
        >
          <Text slot="description" className="item-instructions">
            Choose {item.maxChoices}.{' '}
            <span className="muted">({value.length} of {item.maxChoices} chosen)</span>
          </Text>
          {options.map((option) => (
            <Checkbox key={option.id} value={option.id} className="choice">
              {({ isSelected }) => (
                <>
                  <span className="choice-mark choice-mark-checkbox" aria-hidden="true">{isSelected ? '✓' : ''}</span>
                  <OptionText html={option.html} />
                </>
              )}
            </Checkbox>
          ))}
        </CheckboxGroup>
      )}
      {item.interaction === 'multiple' && !readOnly ? <LiveMessage>{limitMessage}</LiveMessage> : null}
    </div>
  );
}

function OptionText({ html }: { html: string }) {
  return <span className="choice-text rich-text" dangerouslySetInnerHTML={{ __html: html }} />;
}
