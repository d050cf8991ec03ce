import { useParams } from 'react-router';
import { CredentialVerification } from '../../contracts/credentials.ts';
import { ApiError, messageOf } from '../lib/api.ts';
import { formatDate, formatDateTime } from '../lib/format.ts';
import { useApiData } from '../lib/use-api-data.ts';
import { Alert, type AlertTone } from '../ui/Alert.tsx';
import { Loading } from '../ui/Loading.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';
import { checkLabels, credentialStatusLabels } from './credential-text.ts';

const tones: Record<CredentialVerification['status'], AlertTone> = { valid: 'success', expired: 'warning', not_yet_valid: 'warning', revoked: 'error', invalid: 'error' };
const explanations: Record<CredentialVerification['status'], string> = {
  valid: 'The issuer signed this credential, it is within its validity dates, it is not revoked, and the exam result behind it stands.',
  expired: 'The issuer signed this credential, but its validity period is over. The holder may have renewed it with a newer credential.',
  not_yet_valid: 'The issuer signed this credential, but its validity period has not started yet.',
  revoked: 'The issuer has revoked this credential. It no longer certifies anything.',
  invalid: 'This credential does not check out: see which check failed below. Do not rely on it.',
};

/** `/verify/:id`: the public verification page of a credential (no sign-in), checked afresh on every visit. */
export function VerifyPage() {
  const { id } = useParams();
  const report = useApiData(id ? `/credentials/${id}/verify` : null, CredentialVerification);
  if (report.error) {
    const missing = report.error instanceof ApiError && (report.error.code === 'NotFound' || report.error.code === 'ValidationFailed');
    return (
      <section className="page">
        <PageTitle title="Credential verification">Credential verification</PageTitle>
        <Alert tone="error" title={missing ? 'No credential with this address was issued here.' : 'The credential could not be checked.'}>
          <p>{missing ? 'Check that the link is complete. A credential we issued always has a verification page at this address.' : messageOf(report.error)}</p>
        </Alert>
      </section>
    );
  }
  const r = report.data;
  if (!r) return <section className="page"><PageTitle title="Credential verification">Credential verification</PageTitle><Loading what="Checking the credential" /></section>;
  const label = credentialStatusLabels[r.status];
  return (
    <section className="page verify-page">
      <PageTitle title={`Credential verification: ${label}`}>Credential verification</PageTitle>
      {/* Not <Alert>: its tone words ("Done", "Error") would misread here; the status itself is the word. */}
      <div className={`alert alert-${tones[r.status]}`} role="status">
        <p className="alert-title">This credential is <strong className="verify-status">{label.toLowerCase()}</strong>.</p>
        <div className="alert-body"><p>{explanations[r.status]}</p></div>
      </div>
      <section className="card" aria-labelledby="credential-heading">
        <h2 id="credential-heading">{r.achievement.name}</h2>
        <dl className="summary">
          <div><dt>Holder</dt><dd className="verify-holder">{r.holderName}</dd></div>
          <div><dt>Certification</dt><dd>{r.achievement.name}</dd></div>
          <div><dt>Issued by</dt><dd><a href={r.issuer.url} rel="noopener noreferrer">{r.issuer.name}</a></dd></div>
          <div><dt>Issued</dt><dd><time dateTime={r.issuedAt}>{formatDate(r.issuedAt, undefined)}</time></dd></div>
          <div><dt>Valid until</dt><dd>{r.validUntil ? <time dateTime={r.validUntil}>{formatDate(r.validUntil, undefined)}</time> : 'Does not expire'}</dd></div>
          {r.revokedAt ? <div><dt>Revoked</dt><dd><time dateTime={r.revokedAt}>{formatDate(r.revokedAt, undefined)}</time></dd></div> : null}
          <div><dt>Status</dt><dd><strong>{label}</strong></dd></div>
        </dl>
        {r.achievement.description ? <p>{r.achievement.description}</p> : null}
      </section>
      <section className="card" aria-labelledby="checks-heading">
        <h2 id="checks-heading">Checks made</h2>
        <ul className="check-list">
          {r.checks.map((c) => (
            <li key={c.check} className={c.passed ? 'check-passed' : 'check-failed'}>
              <strong>{c.passed ? 'Passed' : 'Failed'}: {checkLabels[c.check]}.</strong> {c.detail}
            </li>
          ))}
        </ul>
        <p>
          Checked on <time dateTime={r.checkedAt}>{formatDateTime(r.checkedAt, undefined)}</time>, afresh for this visit. The credential follows the Open Badges 3.0
          standard: <a href={`/api/v1/credentials/${r.credentialId}`}>its signed form</a> can be checked with any compatible verifier, against the issuer’s{' '}
          <a href="/api/v1/credentials/jwks">published keys</a>.
        </p>
      </section>
    </section>
  );
}
