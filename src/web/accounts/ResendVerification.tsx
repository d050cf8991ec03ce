import { useState } from 'react';
import { Button } from 'react-aria-components';
import { api } from '../lib/api.ts';
import { useSession } from '../lib/session.tsx';
import { useSubmit } from '../lib/use-submit.ts';
import { Alert } from '../ui/Alert.tsx';
import { FormError } from '../ui/FormError.tsx';

/** "Send a new link" for the signed-in user's email verification, with the outcome announced. */
export function ResendVerification({ label = 'Send a new link' }: { label?: string }) {
  const { user } = useSession();
  const submit = useSubmit();
  const [sent, setSent] = useState(false);

  async function resend() {
    setSent(false);
    const result = await submit.run(() => api('/auth/resend-verification', { method: 'POST' }));
    if (result.ok) setSent(true);
  }

  return (
    <div className="resend">
      <Button className="button" onPress={resend} data-pending={(submit.pending) || undefined}>
        {label}
      </Button>
      {sent ? <Alert tone="success" title={`We sent a new link${user ? ` to ${user.email}` : ''}.`} /> : null}
      <FormError error={submit.error} title="We could not send a new link." />
    </div>
  );
}
