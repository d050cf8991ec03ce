import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button } from 'react-aria-components';
import { ExamCode, ExamResponse, ProgramList } from '../../../contracts/catalog.ts';
import { api, messageOf } from '../../lib/api.ts';
import { useApiData } from '../../lib/use-api-data.ts';
import { isFieldCode, useSubmit, type FieldErrorCodes } from '../../lib/use-submit.ts';
import { validateWith } from '../../lib/validate.ts';
import { Alert } from '../../ui/Alert.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { SelectField, TextInputField } from '../../ui/FormField.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { SubmitForm } from '../../ui/SubmitForm.tsx';
import { examPage } from './exam-context.ts';
import { blankExam, ExamFields, type ExamFieldValues } from './ExamFields.tsx';
import { NewProgramForm } from './NewProgramForm.tsx';

const fieldCodes: FieldErrorCodes = { Conflict: { code: 'An exam with this code already exists. Choose another code.' } };

/** `/admin/exams/new`: creates a draft exam; its policy starts from the defaults and its blueprint is empty. */
export function NewExamPage() {
  const navigate = useNavigate();
  const programs = useApiData('/admin/programs', ProgramList);
  const submit = useSubmit(fieldCodes);
  const [code, setCode] = useState('');
  const [programId, setProgramId] = useState<string | null>(null);
  const [values, setValues] = useState<ExamFieldValues>(blankExam);

  const list = programs.data?.programs;
  const chosenProgram = programId ?? (list?.length === 1 ? list[0]!.id : null);

  async function onSubmit() {
    const body = { code: code.trim().toUpperCase(), ...(chosenProgram ? { programId: chosenProgram } : {}), ...values };
    const result = await submit.run(() => api('/admin/exams', { method: 'POST', body, schema: ExamResponse }));
    if (result.ok) navigate(examPage(result.value.exam.code, 'blueprint'), { state: { created: true } });
  }

  return (
    <section className="page">
      <p className="breadcrumb"><Link to="/admin/exams">All exams</Link></p>
      <PageTitle>New exam</PageTitle>
      <p>The exam starts as a draft: candidates see it only once you publish it. Next you set its blueprint and items.</p>
      {programs.error ? (
        <Alert tone="error" title="We could not load the certification programs."><p>{messageOf(programs.error)}</p></Alert>
      ) : !list ? (
        <Loading what="Loading programs" />
      ) : list.length === 0 ? (
        <NewProgramForm onCreated={programs.reload} />
      ) : (
        <>
          <FormError error={isFieldCode(submit.error, fieldCodes) ? undefined : submit.error} title="We could not create the exam." />
          <SubmitForm submission={submit} onSubmit={onSubmit}>
            <fieldset className="fieldset">
              <legend>Identity</legend>
              <TextInputField
                label="Exam code"
                name="code"
                description="Letters, digits and dashes, e.g. DOP-P01. It cannot change later: candidates and certificates refer to it."
                value={code}
                onChange={(text) => setCode(text.toUpperCase())}
                validate={validateWith(ExamCode)}
                autoComplete="off"
              />
              {list.length > 1 ? (
                <SelectField
                  label="Certification program"
                  name="programId"
                  options={list.map((program) => ({ id: program.id, label: program.name }))}
                  value={programId}
                  onChange={setProgramId}
                />
              ) : (
                <p className="field-static"><span className="field-label">Certification program</span> {list[0]!.name}</p>
              )}
            </fieldset>
            <ExamFields values={values} onChange={(patch) => setValues((previous) => ({ ...previous, ...patch }))} />
            <Button type="submit" className="button button-primary" data-pending={submit.pending || undefined}>
              Create exam
            </Button>
          </SubmitForm>
        </>
      )}
    </section>
  );
}
