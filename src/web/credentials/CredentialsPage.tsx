import { Link } from 'react-router';
import { MyCredentials, type MyCredential } from '../../contracts/credentials.ts';
import { messageOf } from '../lib/api.ts';
import { formatDate } from '../lib/format.ts';
import { useApiData } from '../lib/use-api-data.ts';
import { useSession } from '../lib/session.tsx';
import { Alert } from '../ui/Alert.tsx';
import { CopyField } from '../ui/CopyField.tsx';
import { Loading } from '../ui/Loading.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';
import { credentialStatusLabels, credentialStatusTone } from './credential-text.ts';

/** `/credentials`: the candidate's certifications, each with its standing, downloads and ways to share it. */
export function CredentialsPage() {
  const zone = useSession().user?.timeZone;
  const data = useApiData('/me/credentials', MyCredentials);
  let body;
  if (data.error) body = <Alert tone="error" title="Your credentials could not be loaded."><p>{messageOf(data.error)}</p></Alert>;
  else if (!data.data) body = <Loading what="Loading your credentials" />;
  else if (data.data.credentials.length === 0) body = <p className="empty-state">No credentials yet. A pass earns one as soon as its result is official.</p>;
  else body = <ul className="credential-list">{data.data.credentials.map((c) => <CredentialCard key={c.id} credential={c} zone={zone} />)}</ul>;
  return (
    <section className="page">
      <PageTitle title="Your credentials">Your credentials</PageTitle>
      <p>
        Each certification you earn is a digital badge (an Open Badges 3.0 credential) signed by its issuer. Share its link: anyone can check it
        on its verification page, without an account. Badge wallets and learning records import the signed credential file.
      </p>
      {body}
    </section>
  );
}

function CredentialCard({ credential: c, zone }: { credential: MyCredential; zone: string | undefined }) {
  const headingId = `credential-${c.id}`;
  const forExam = <span className="visually-hidden"> for {c.examCode}</span>;
  return (
    <li className="card credential-card">
      <h2 id={headingId}><span className="exam-code">{c.examCode}</span> {c.examTitle}</h2>
      <dl className="summary">
        <div><dt>Status</dt><dd><span className={`tag tag-first tag-${credentialStatusTone[c.status]}`}>{credentialStatusLabels[c.status]}</span></dd></div>
        <div><dt>Issued by</dt><dd>{c.issuerName}</dd></div>
        <div><dt>Issued</dt><dd><time dateTime={c.issuedAt}>{formatDate(c.issuedAt, zone)}</time></dd></div>
        <div><dt>Valid until</dt><dd>{c.validUntil ? <time dateTime={c.validUntil}>{formatDate(c.validUntil, zone)}</time> : 'Does not expire'}</dd></div>
      </dl>
      {(c.status === 'valid' || c.status === 'expired') && c.validUntil ? (
        <p>
          To renew it, pass the exam again
          {c.renewableFrom ? <>: you can book a sitting that starts from <time dateTime={c.renewableFrom}>{formatDate(c.renewableFrom, zone)}</time>.</> : '; you can book a sitting now.'}{' '}
          <Link to={`/exams/${c.examCode}`}>{c.examCode} in the catalog</Link>
        </p>
      ) : null}
      {c.status === 'revoked' ? <p>This credential was revoked because its result was invalidated. <Link to={`/results/${c.attemptId}`}>The score report</Link> says why.</p> : null}
      <p className="button-row">
        <a className="button" href={`/api/v1/credentials/${c.id}/certificate.pdf`} download>Download the certificate (PDF){forExam}</a>
        <a className="button" href={`/api/v1/credentials/${c.id}/credential.jwt`} download>Download the signed credential (.jwt){forExam}</a>
      </p>
      <CopyField label={`Share link for ${c.examCode}`} value={c.verifyUrl} />
      <p>
        <Link to={`/verify/${c.id}`}>Open the verification page{forExam}</Link>
        {c.status === 'valid' ? (
          <>
            {' · '}
            <a href={c.linkedInUrl} target="_blank" rel="noopener noreferrer">Add to LinkedIn profile{forExam}<span className="visually-hidden"> (opens LinkedIn in a new tab)</span></a>
          </>
        ) : null}
      </p>
    </li>
  );
}
