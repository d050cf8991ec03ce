import type { z } from 'zod';
import type { Quote } from '../../contracts/booking.ts';
import { formatMoney } from '../lib/format.ts';

/** The fee, what a code takes off, and the amount due, as a list of labelled amounts. */
export function PriceBreakdown({ quote }: { quote: z.infer<typeof Quote> }) {
  const money = (minor: number) => formatMoney(minor, quote.currency);
  return (
    <dl className="summary price-breakdown">
      <div>
        <dt>Exam fee</dt>
        <dd>{money(quote.priceMinor)}</dd>
      </div>
      {quote.discountMinor > 0 ? (
        <div>
          <dt>Discount{quote.code ? ` (${quote.code.code})` : ''}</dt>
          <dd>−{money(quote.discountMinor)}</dd>
        </div>
      ) : null}
      {quote.voucherMinor > 0 ? (
        <div>
          <dt>Voucher{quote.code ? ` (${quote.code.code})` : ''}</dt>
          <dd>−{money(quote.voucherMinor)}</dd>
        </div>
      ) : null}
      <div className="price-due">
        <dt>To pay</dt>
        <dd>{money(quote.dueMinor)}</dd>
      </div>
    </dl>
  );
}
