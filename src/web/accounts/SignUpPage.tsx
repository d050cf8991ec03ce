import { useState } from 'react';
import { Link } from 'react-router';
import { Button } from 'react-aria-components';
import { Email, LegalName, UserResponse, type SignUpBody } from '../../contracts/accounts.ts';
import { supportedLanguages, type Language } from '../../core/accounts/time-zone.ts';
import { api, ApiError } from '../lib/api.ts';
import { useSession } from '../lib/session.tsx';
import { useSubmit, type FieldErrorCodes } from '../lib/use-submit.ts';
import { validateWith } from '../lib/validate.ts';
import { SubmitForm } from '../ui/SubmitForm.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';
import { TextInputField } from '../ui/FormField.tsx';
import { FormError } from '../ui/FormError.tsx';
import { TimeZoneField, detectedTimeZone } from '../ui/TimeZoneField.tsx';
import { LanguageField } from '../ui/LanguageField.tsx';
import { CheckYourEmail } from './CheckYourEmail.tsx';
import { AlreadySignedIn } from './AlreadySignedIn.tsx';
import { passwordRulesText, validateNewPassword } from './password-rules.ts';

/** The browser's preferred language if we ship it (`de-AT` → `de`), else English. */
function detectedLanguage(): Language {
  const shipped: readonly string[] = supportedLanguages;
  for (const tag of navigator.languages ?? [navigator.language]) {
    if (shipped.includes(tag)) return tag as Language;
    const base = tag.split('-')[0] ?? '';
    if (shipped.includes(base)) return base as Language;
  }
  return 'en';
}

const fieldCodes: FieldErrorCodes = { EmailTaken: { email: 'An account with this email already exists.' } };

/** `/signup`: a candidate creates an account; afterwards we ask them to confirm their email. */
export function SignUpPage() {
  const session = useSession();
  const submit = useSubmit(fieldCodes);
  const [form, setForm] = useState<SignUpBody & { language: Language }>(() => ({
    legalName: '',
    email: '',
    password: '',
    timeZone: detectedTimeZone(),
    language: detectedLanguage(),
  }));
  const [sentTo, setSentTo] = useState<string | null>(null);
  const set = <K extends keyof typeof form>(key: K) => (value: (typeof form)[K]) => setForm((f) => ({ ...f, [key]: value }));

  if (sentTo) return <CheckYourEmail email={sentTo} />;
  if (session.user) return <AlreadySignedIn />;

  async function onSubmit() {
    const result = await submit.run(() => api('/auth/signup', { method: 'POST', body: form, schema: UserResponse }));
    if (!result.ok) return;
    setSentTo(result.value.user.email);
    session.setUser(result.value.user);
  }

  const emailTaken = submit.error instanceof ApiError && submit.error.code === 'EmailTaken';

  return (
    <section className="page narrow">
      <PageTitle>Create your account</PageTitle>
      <p>One account for booking exams, taking them and receiving your certificates.</p>
      <FormError error={emailTaken ? undefined : submit.error} title="We could not create your account." />
      {emailTaken ? (
        <p className="form-note" role="alert">
          This email already has an account. <Link to="/login">Log in</Link> or{' '}
          <Link to="/forgot-password">reset your password</Link>.
        </p>
      ) : null}
      <SubmitForm submission={submit} onSubmit={onSubmit}>
        <TextInputField
          label="Legal name"
          name="legalName"
          autoComplete="name"
          description="Exactly as on your government ID. A proctor compares it with your ID on exam day."
          value={form.legalName}
          onChange={set('legalName')}
          validate={validateWith(LegalName)}
        />
        <TextInputField
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          description="We send a link to confirm it."
          value={form.email}
          onChange={set('email')}
          validate={validateWith(Email)}
        />
        <TextInputField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          description={passwordRulesText}
          value={form.password}
          onChange={set('password')}
          validate={validateNewPassword({ email: form.email, legalName: form.legalName })}
        />
        <TimeZoneField value={form.timeZone} onChange={set('timeZone')} />
        <LanguageField value={form.language} onChange={(language) => set('language')(language as Language)} />
        <Button type="submit" className="button button-primary" data-pending={(submit.pending) || undefined}>
          Create account
        </Button>
      </SubmitForm>
      <p>
        Already have an account? <Link to="/login">Log in</Link>
      </p>
    </section>
  );
}
