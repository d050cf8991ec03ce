import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { HoldResponse } from '../../contracts/booking.ts';
import { CatalogExam } from '../../contracts/catalog.ts';
import { api, ApiError, messageOf } from '../lib/api.ts';
import { useSession } from '../lib/session.tsx';
import { useApiData } from '../lib/use-api-data.ts';
import { useSubmit } from '../lib/use-submit.ts';
import { Alert } from '../ui/Alert.tsx';
import { FormError } from '../ui/FormError.tsx';
import { Loading } from '../ui/Loading.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';
import { isLocalDate } from './local-date.ts';
import { SlotPicker, type PickedSlot, type SlotView } from './SlotPicker.tsx';

/** `/exams/:code/book`: choose a language, a day and a free time; picking one holds the seat and opens checkout. */
export function BookExamPage() {
  const { code = '' } = useParams();
  const { user } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const exam = useApiData(`/exams/${encodeURIComponent(code)}`, CatalogExam);
  const submit = useSubmit();
  const [pending, setPending] = useState<string | null>(null);
  const [refreshKey, setRefreshKey] = useState(0);

  const view: SlotView = {
    date: isLocalDate(params.get('date')) ? params.get('date') : null,
    timeZone: params.get('tz') || user?.timeZone || 'UTC',
    language: params.get('language') || undefined,
  };

  function changeView(next: SlotView) {
    const search = new URLSearchParams();
    if (next.date) search.set('date', next.date);
    if (next.timeZone !== user?.timeZone) search.set('tz', next.timeZone);
    if (next.language) search.set('language', next.language);
    setParams(search, { replace: true });
  }

  async function pick({ slot, language, timeZone }: PickedSlot) {
    // Only the first press of a pick shows as pending; useSubmit ignores the others until it answers.
    setPending((current) => current ?? slot.startsAt);
    const result = await submit.run(async () => {
      try {
        return await api('/holds', { method: 'POST', body: { examCode: code, startsAt: slot.startsAt, language }, schema: HoldResponse });
      } catch (error) {
        // Someone else took it (or a proctor shift changed): show the times that are free now.
        if (error instanceof ApiError && error.code === 'SlotUnavailable') setRefreshKey((k) => k + 1);
        throw error;
      }
    });
    setPending((current) => (current === slot.startsAt ? null : current));
    if (result.ok) navigate(`/exams/${encodeURIComponent(code)}/book/${result.value.hold.id}?tz=${encodeURIComponent(timeZone)}`);
  }

  if (exam.error) {
    const notFound = exam.error instanceof ApiError && exam.error.code === 'NotFound';
    return (
      <section className="page narrow">
        <PageTitle>Book exam {code}</PageTitle>
        <Alert tone="error" title={notFound ? 'There is no published exam with this code.' : 'We could not load this exam.'}>
          <p>{notFound ? 'It may have been retired, or the link may be mistyped.' : messageOf(exam.error)}</p>
        </Alert>
        <p><Link to="/exams">Browse the exam catalog</Link></p>
      </section>
    );
  }
  if (!exam.data) return <Loading what="Loading the exam" />;
  const { exam: summary } = exam.data;

  return (
    <section className="page booking-page">
      <p className="breadcrumb"><Link to={`/exams/${encodeURIComponent(summary.code)}`}>{summary.code} {summary.title}</Link></p>
      <PageTitle title={`Book ${summary.code}`}>
        Book <span className="exam-code">{summary.code}</span> {summary.title}
      </PageTitle>
      {summary.practice ? (
        <Alert tone="info" title="Practice exams are not booked.">
          <p>Practice tests will open straight from the exam page; there is no appointment to book.</p>
        </Alert>
      ) : (
        <>
          <p className="lead">Pick a day and a start time. Times are shown in your time zone; you can change it for this page.</p>
          <FormError
            error={submit.error}
            title={submit.error instanceof ApiError && submit.error.code === 'SlotUnavailable' ? 'That time was just taken. Pick another one.' : 'We could not hold that time.'}
          />
          <SlotPicker
            examCode={summary.code}
            languages={summary.languages}
            view={view}
            onViewChange={changeView}
            onPick={(picked) => {
              void pick(picked);
            }}
            pendingStartsAt={pending}
            refreshKey={refreshKey}
          />
        </>
      )}
    </section>
  );
}
