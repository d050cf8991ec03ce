import { useEffect, useRef } from 'react';
import { Button } from 'react-aria-components';
import type { z } from 'zod';
import type { Voucher } from '../../../contracts/booking.ts';
import { Alert } from '../../ui/Alert.tsx';
import { CopyField } from '../../ui/CopyField.tsx';

type Row = z.infer<typeof Voucher>;

/** The codes just created, ready to copy (all of them at once when there are several). */
export function CreatedCodes({ vouchers, onDone }: { vouchers: Row[]; onDone: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  // The form stays where it was; focus moves to the result so it is read out and the Copy button is one Tab away.
  useEffect(() => ref.current?.focus(), []);
  const codes = vouchers.map((v) => v.code);
  const title = codes.length === 1 ? `Created code ${codes[0]}.` : `Created ${codes.length} codes.`;
  return (
    <div className="secret" ref={ref} tabIndex={-1}>
      <Alert tone="success" title={title}>
        <p>Copy the {codes.length === 1 ? 'code' : 'codes'} to send to candidates. They are also listed below.</p>
      </Alert>
      {codes.length === 1 ? (
        <CopyField label="New code" value={codes[0]!} />
      ) : (
        <>
          <CopyField label={`All ${codes.length} new codes, separated by spaces`} value={codes.join(' ')} />
          <ul className="code-list" aria-label="New codes">
            {codes.map((c) => <li key={c} className="mono">{c}</li>)}
          </ul>
        </>
      )}
      <Button className="button" onPress={onDone}>Done</Button>
    </div>
  );
}
