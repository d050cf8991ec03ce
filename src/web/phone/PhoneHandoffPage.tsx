import { PageTitle } from '../ui/PageTitle.tsx';

/** `/m`: explains the phone's part in check-in to someone who opened the bare address. */
export function PhoneHandoffPage() {
  return (
    <section className="page narrow">
      <PageTitle>Take your check-in photos with this phone</PageTitle>
      <p>
        During check-in for your exam, your computer shows a QR code and a short link. Open that link on this phone: it
        brings you to a page bound to your check-in, where you take a photo of your face, your ID and the four sides of
        your room. The photos appear on your computer as soon as they arrive.
      </p>
      <h2>What you need</h2>
      <ul>
        <li>This phone, with its camera and an internet connection.</li>
        <li>The government ID with the name on your Invigil account.</li>
        <li>Your computer, with the check-in page open.</li>
      </ul>
      <p>
        Check-in opens 30 minutes before your exam starts. If you have no exam today, there is nothing to do here yet.
      </p>
    </section>
  );
}
