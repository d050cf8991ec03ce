import { useState } from 'react';
import { Button } from 'react-aria-components';
import type { z } from 'zod';
import { AuditVerification } from '../../contracts/admin.ts';
import { api } from '../lib/api.ts';
import { useSubmit } from '../lib/use-submit.ts';
import { Alert } from '../ui/Alert.tsx';
import { FormError } from '../ui/FormError.tsx';

/** "Verify chain": recomputes every entry's hash on the server and reports where the chain breaks, if anywhere. */
export function VerifyChain() {
  const submit = useSubmit();
  const [result, setResult] = useState<z.infer<typeof AuditVerification> | null>(null);

  async function verify() {
    setResult(null);
    const outcome = await submit.run(() => api('/admin/audit/verify', { schema: AuditVerification }));
    if (outcome.ok) setResult(outcome.value);
  }

  return (
    <div className="verify-chain">
      <Button className="button" onPress={verify} data-pending={(submit.pending) || undefined}>
        Verify chain
      </Button>
      {result?.ok ? (
        <Alert tone="success" title="The chain is intact.">
          <p>{result.checked} {result.checked === 1 ? 'entry was' : 'entries were'} checked; none was changed or removed.</p>
        </Alert>
      ) : null}
      {result && !result.ok ? (
        <Alert tone="error" title="The chain is broken.">
          <p>
            {result.brokenAt
              ? `Entry #${result.brokenAt.seq} does not match: ${result.brokenAt.reason.replace(/\.$/, "")}.`
              : 'An entry does not match the one before it.'}{' '}
            {result.checked} {result.checked === 1 ? 'entry was' : 'entries were'} checked. Treat the log from that
            entry on as tampered with, and investigate.
          </p>
        </Alert>
      ) : null}
      <FormError error={submit.error} title="We could not verify the chain." />
    </div>
  );
}
