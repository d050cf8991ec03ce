import { useId, useState } from 'react';
import type { ReactNode } from 'react';
import { Checkbox, CheckboxGroup, Radio, RadioGroup, Text, ToggleButton } from 'react-aria-components';
import { LiveMessage } from '../ui/Alert.tsx';
import { optionLetter, orderOptions, type DeliveredOption } from './option-order.ts';

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
  /** The id of an element elsewhere (e.g. the exam runner's question heading) that starts the answer group's name. */
  labelledBy?: string;
  /** Shows A, B, C… before the options (the exam runner's keys choose by letter). */
  letters?: boolean;
  /** Struck-out option ids: shown struck through, and not choosable until the strike is removed. */
  struck?: readonly string[];
  /** Turns on a "Strike" toggle per option. */
  onStrike?: (optionId: string, struck: boolean) => void;
}

/** One item exactly as a candidate sees it: the stem, then the options as a radio group (single response) or a
 * checkbox group limited to N choices (multiple response). Never shows which options are correct. */
export function ItemView({ item, value, onChange, optionOrder, readOnly = false, label, labelledBy: outerLabel, letters = false, struck = [], onStrike }: ItemViewProps) {
  const labelId = useId();
  const stemId = useId();
  const [limitMessage, setLimitMessage] = useState('');
  const options = orderOptions(item.options, optionOrder);
  const labelledBy = [outerLabel, label ? labelId : undefined, stemId].filter(Boolean).join(' ');
  const isStruck = (id: string) => struck.includes(id);
  // Each option sits in a row with its strike toggle next to it (not inside it: a button inside a label is not allowed).
  const row = (optionId: string, index: number, choice: ReactNode) =>
    onStrike && !readOnly ? (
      <div key={optionId} className="choice-row">
        {choice}
        <ToggleButton
          className="strike-toggle"
          isSelected={isStruck(optionId)}
          onChange={(selected) => onStrike(optionId, selected)}
          aria-label={`Strike out option ${optionLetter(index)}`}
        >
          Strike
        </ToggleButton>
      </div>
    ) : (
      choice
    );

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
          {options.map((option, index) =>
            row(option.id, index, (
              <Radio key={option.id} value={option.id} className="choice" isDisabled={isStruck(option.id)}>
                <span className="choice-mark choice-mark-radio" aria-hidden="true" />
                {letters ? <span className="choice-letter">{optionLetter(index)} </span> : null}
                <OptionText html={option.html} struck={isStruck(option.id)} />
              </Radio>
            )),
          )}
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
          {options.map((option, index) =>
            row(option.id, index, (
              <Checkbox key={option.id} value={option.id} className="choice" isDisabled={isStruck(option.id)}>
                {({ isSelected }) => (
                  <>
                    <span className="choice-mark choice-mark-checkbox" aria-hidden="true">{isSelected ? '✓' : ''}</span>
                    {letters ? <span className="choice-letter">{optionLetter(index)} </span> : null}
                    <OptionText html={option.html} struck={isStruck(option.id)} />
                  </>
                )}
              </Checkbox>
            )),
          )}
        </CheckboxGroup>
      )}
      {item.interaction === 'multiple' && !readOnly ? <LiveMessage>{limitMessage}</LiveMessage> : null}
    </div>
  );
}

function OptionText({ html, struck = false }: { html: string; struck?: boolean }) {
  return (
    <>
      <span className={`choice-text rich-text${struck ? ' choice-struck' : ''}`} dangerouslySetInnerHTML={{ __html: html }} />
      {struck ? <span className="visually-hidden"> (struck out)</span> : null}
    </>
  );
}
