import { PageTitle } from '../ui/PageTitle.tsx';
import { Alert } from '../ui/Alert.tsx';

/** `/m/:token`: a check-in upload link. Until check-in exists no link can be valid, so this says so plainly. */
export function PhoneLinkPage() {
  return (
    <section className="page narrow">
      <PageTitle>This link does not work</PageTitle>
      <Alert tone="error" title="This check-in link is not valid or has expired.">
        <p>Links for check-in photos work only during your check-in, and only for a short time.</p>
      </Alert>
      <h2>What to do</h2>
      <ol>
        <li>On your computer, look at the check-in page: it shows the current QR code and link.</li>
        <li>Scan the QR code again, or type the short link shown there into this phone's browser.</li>
        <li>If the check-in page says check-in has closed, contact support from your computer.</li>
      </ol>
    </section>
  );
}
