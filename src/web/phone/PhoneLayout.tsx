import { Outlet } from 'react-router';

/** The phone pages' frame: no site navigation, since the phone only uploads photos for a check-in. */
export function PhoneLayout() {
  return (
    <div className="app phone">
      <header className="site-header">
        <div className="header-inner">
          <span className="brand">Invigil</span>
          <span className="header-tagline">Check-in on your phone</span>
        </div>
      </header>
      <main id="main" className="main">
        <Outlet />
      </main>
    </div>
  );
}
