import type { FormEvent, ReactNode } from 'react';
import { Form } from 'react-aria-components';
import type { Submission } from '../lib/use-submit.ts';

/** A react-aria form wired to a `useSubmit` submission: shows the server's field errors next to their fields,
 * drops each one as soon as its field is edited, and calls `onSubmit` once the browser's checks pass. */
export function SubmitForm({
  submission,
  onSubmit,
  children,
}: {
  submission: Submission;
  onSubmit: () => void | Promise<void>;
  children: ReactNode;
}) {
  // react-aria's Form passes DOM events through to <form> but its props type does not list onInput.
  const inputEvents = {
    onInput: (event: FormEvent<HTMLFormElement>) => {
      submission.onFieldInput(event);
      revalidateShownError(event.target);
    },
  };
  return (
    <Form
      className="form"
      validationErrors={submission.validationErrors}
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        void onSubmit();
      }}
      {...inputEvents}
    >
      {children}
    </Form>
  );
}

/** Re-checks a field that shows an error on every keystroke, so the message goes away as soon as the value is
 * fixed. react-aria only re-checks on the native change event (blur); removing the message then shifts the
 * layout while the pointer is pressing the submit button, and the click is lost. */
function revalidateShownError(target: EventTarget) {
  if (!(target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement)) return;
  if (target.getAttribute('aria-invalid') !== 'true') return;
  target.dispatchEvent(new Event('change', { bubbles: true }));
}
