import { Link } from 'react-router';
import { PageTitle } from '../ui/PageTitle.tsx';

/** What a signed-out visitor sees at `/`. */
export function LandingPage() {
  return (
    <section className="page landing">
      <PageTitle>Certification exams, taken from your own desk</PageTitle>
      <p className="lead">
        Invigil lets you book a certification exam, test your computer, check in with your phone and sit the exam at
        home, with a real person proctoring. Your answers are saved the moment you give them.
      </p>
      <p className="actions">
        <Link to="/signup" className="button button-primary">Sign up</Link>
        <Link to="/login" className="button">Log in</Link>
      </p>
      <h2>How it works</h2>
      <ol className="steps">
        <li><strong>Create your account</strong> with your name exactly as on your ID.</li>
        <li><strong>Book an exam</strong> at a time that suits you, shown in your own time zone.</li>
        <li><strong>Test your computer</strong> as often as you like before exam day.</li>
        <li><strong>Check in</strong> 30 minutes before: photos of your ID and room, taken with your phone.</li>
        <li><strong>Sit the exam</strong>; if your connection drops, the clock stops and you carry on where you were.</li>
      </ol>
    </section>
  );
}
