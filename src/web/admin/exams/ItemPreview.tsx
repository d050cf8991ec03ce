import { useMemo, useState } from 'react';
import { Button } from 'react-aria-components';
import type { ItemContent } from '../../../core/catalog/item.ts';
import { ItemView, type DeliveredItem } from '../../delivery/ItemView.tsx';
import { shuffledOrder } from '../../delivery/option-order.ts';
import { previewHtml } from './preview-html.ts';

/** The item as it is being written, shown through the candidate's own component. Answering it saves nothing. */
export function ItemPreview({ content }: { content: ItemContent }) {
  const [value, setValue] = useState<string[]>([]);
  const [order, setOrder] = useState<string[] | undefined>();
  const item = useMemo<DeliveredItem>(
    () => ({
      interaction: content.interaction,
      maxChoices: Number.isNaN(content.maxChoices) ? 1 : content.maxChoices,
      stem: previewHtml(content.stem) || '<p><em>(The question appears here.)</em></p>',
      options: content.options.map((o) => ({ id: o.id, html: previewHtml(o.html) || '<em>(empty option)</em>', ...(o.fixed ? { fixed: true } : {}) })),
    }),
    [content],
  );
  const ids = item.options.map((o) => o.id);
  // Choices of options that were removed, or beyond a lowered choose-N, are dropped from the preview's answer.
  const shown = value.filter((v) => ids.includes(v)).slice(0, item.interaction === 'single' ? 1 : item.maxChoices);

  return (
    <section className="card item-preview" aria-labelledby="item-preview-heading">
      <h3 id="item-preview-heading">Preview: what candidates see</h3>
      <p className="muted">Try answering it: nothing is saved, and correct options are not marked, as in the exam.</p>
      <div className="preview-frame">
        <ItemView item={item} value={shown} onChange={setValue} optionOrder={order} label="Question 1" />
      </div>
      {content.shuffle ? (
        <div className="actions">
          <Button className="button button-small" onPress={() => setOrder(shuffledOrder(item.options, Math.random))}>
            Shuffle as for a candidate
          </Button>
          {order ? <Button className="button button-small" onPress={() => setOrder(undefined)}>Authored order</Button> : null}
        </div>
      ) : null}
    </section>
  );
}
