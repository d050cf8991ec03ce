import { Button, Disclosure, DisclosurePanel, Heading } from 'react-aria-components';
import type { z } from 'zod';
import type { OutboxEmail } from '../../contracts/admin.ts';
import { formatDateTime } from '../lib/format.ts';
import { useSession } from '../lib/session.tsx';
import { LinkifiedText } from '../ui/LinkifiedText.tsx';

/** One email: recipient, subject and time; expands to its text with clickable links. */
export function OutboxEmailItem({ email }: { email: z.infer<typeof OutboxEmail> }) {
  const { user } = useSession();
  const zone = user?.timeZone;
  const state = email.sentAt
    ? `sent ${formatDateTime(email.sentAt, zone)}`
    : email.lastError
      ? `not sent after ${email.attempts} ${email.attempts === 1 ? 'attempt' : 'attempts'}`
      : 'waiting to be sent';
  return (
    <Disclosure className="email">
      <Heading level={2} className="email-heading">
        <Button slot="trigger" className="email-trigger">
          <span className="disclosure-chevron" aria-hidden="true">▸</span>
          <span className="email-subject">{email.subject}</span>
          <span className="email-meta">
            To {email.to} · {formatDateTime(email.createdAt, zone)} · {state}
          </span>
        </Button>
      </Heading>
      <DisclosurePanel className="email-panel">
        {email.lastError ? <p className="email-error">Last error: {email.lastError}</p> : null}
        <LinkifiedText text={email.text} className="email-body" />
      </DisclosurePanel>
    </Disclosure>
  );
}
