import { useState } from 'react';
import { Link } from 'react-router';
import { Button } from 'react-aria-components';
import { LegalName, UserResponse, type User } from '../../contracts/accounts.ts';
import type { Language } from '../../core/accounts/time-zone.ts';
import { api } from '../lib/api.ts';
import { formatDate } from '../lib/format.ts';
import { useSession } from '../lib/session.tsx';
import { useSubmit } from '../lib/use-submit.ts';
import { validateWith } from '../lib/validate.ts';
import { Alert } from '../ui/Alert.tsx';
import { FormError } from '../ui/FormError.tsx';
import { TextInputField } from '../ui/FormField.tsx';
import { LanguageField } from '../ui/LanguageField.tsx';
import { SubmitForm } from '../ui/SubmitForm.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';
import { TimeZoneField } from '../ui/TimeZoneField.tsx';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';

/** `/profile`: the signed-in user's details and password. */
export function ProfilePage() {
  const { user } = useSession();
  if (!user) return null;
  return (
    <section className="page narrow">
      <PageTitle>Your profile</PageTitle>
      <dl className="summary">
        <div>
          <dt>Email</dt>
          <dd>
            {user.email} ({user.emailVerified ? 'confirmed' : 'not confirmed yet'})
          </dd>
        </div>
        <div>
          <dt>Account created</dt>
          <dd>{formatDate(user.createdAt, user.timeZone)}</dd>
        </div>
      </dl>
      <DetailsForm user={user} />
      {user.roles.includes('candidate') ? (
        <section className="card" aria-labelledby="accommodations-heading">
          <h2 id="accommodations-heading">Accommodations</h2>
          <p>Need extra time, screen-reader mode or another adjustment for your exams?</p>
          <p><Link to="/profile/accommodations">Ask for an accommodation or see your requests</Link></p>
        </section>
      ) : null}
      <ChangePasswordForm user={user} />
    </section>
  );
}

function DetailsForm({ user }: { user: User }) {
  const session = useSession();
  const submit = useSubmit();
  const [legalName, setLegalName] = useState(user.legalName);
  const [timeZone, setTimeZone] = useState(user.timeZone);
  const [language, setLanguage] = useState<Language>(user.language);
  const [saved, setSaved] = useState(false);

  async function onSubmit() {
    setSaved(false);
    const result = await submit.run(() =>
      api('/me', { method: 'PATCH', body: { legalName, timeZone, language }, schema: UserResponse }),
    );
    if (!result.ok) return;
    session.setUser(result.value.user);
    setSaved(true);
  }

  return (
    <section className="card" aria-labelledby="details-heading">
      <h2 id="details-heading">Your details</h2>
      <FormError error={submit.error} title="We could not save your details." />
      {saved ? <Alert tone="success" title="Your details are saved." /> : null}
      <SubmitForm submission={submit} onSubmit={onSubmit}>
        <TextInputField
          label="Legal name"
          name="legalName"
          autoComplete="name"
          description="Exactly as on your government ID."
          value={legalName}
          onChange={(value) => {
            setLegalName(value);
            setSaved(false);
          }}
          validate={validateWith(LegalName)}
        />
        <TimeZoneField
          value={timeZone}
          onChange={(zone) => {
            setTimeZone(zone);
            setSaved(false);
          }}
        />
        <LanguageField
          value={language}
          onChange={(value) => {
            setLanguage(value as Language);
            setSaved(false);
          }}
        />
        <Button type="submit" className="button button-primary" data-pending={(submit.pending) || undefined}>
          Save details
        </Button>
      </SubmitForm>
    </section>
  );
}
