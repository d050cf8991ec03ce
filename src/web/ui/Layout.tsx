import { Suspense, useEffect, useRef, useState, type MouseEvent, type RefObject } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { Button } from 'react-aria-components';
import { homeArea } from '../../core/accounts/roles.ts';
import { useSession } from '../lib/session.tsx';
import { useMeta } from '../lib/meta.tsx';
import { areasFor } from './areas.ts';
import { Loading } from './Loading.tsx';

/** Skip link, site header with navigation, the page in `<main>`, and a footer. */
export function Layout() {
  const mainRef = useRef<HTMLElement>(null);
  useFocusMainOnNavigation(mainRef);
  const { version } = useMeta();

  function skipToMain(event: MouseEvent<HTMLAnchorElement>) {
    event.preventDefault();
    mainRef.current?.focus();
  }

  return (
    <div className="app">
      <a href="#main" className="skip-link" onClick={skipToMain}>
        Skip to main content
      </a>
      <SiteHeader />
      <main id="main" ref={mainRef} tabIndex={-1} className="main">
        {/* Pages are loaded on first use: the header and footer stay while one arrives. */}
        <Suspense fallback={<Loading what="Loading the page" />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="site-footer">
        <p>
          Invigil{version ? ` ${version}` : ''}: open-source online proctoring.
        </p>
      </footer>
    </div>
  );
}

function SiteHeader() {
  const { user } = useSession();
  return (
    <header className="site-header">
      <div className="header-inner">
        <Link to={user ? homeArea(user.roles) : '/'} className="brand">
          Invigil
        </Link>
        <nav aria-label="Site" className="header-nav">
          <ul>
            <li><NavLink to="/exams">Exam catalog</NavLink></li>
          </ul>
        </nav>
        {user ? <SignedInNav /> : <SignedOutNav />}
      </div>
    </header>
  );
}

function SignedOutNav() {
  return (
    <nav aria-label="Account" className="header-nav">
      <ul>
        <li><NavLink to="/login">Log in</NavLink></li>
        <li><NavLink to="/signup">Sign up</NavLink></li>
      </ul>
    </nav>
  );
}

function SignedInNav() {
  const { user, logOut, refresh } = useSession();
  const navigate = useNavigate();
  const [pending, setPending] = useState(false);
  if (!user) return null;
  const userAreas = areasFor(user.roles);

  async function onLogOut() {
    setPending(true);
    try {
      await logOut();
    } catch {
      // Whatever happened, ask the server who we are now rather than guessing.
      await refresh().catch(() => undefined);
    } finally {
      setPending(false);
    }
    navigate('/');
  }

  return (
    <>
      {userAreas.length > 0 ? (
        <nav aria-label="Areas" className="header-nav">
          <ul>
            {userAreas.map((area) => (
              <li key={area.path}>
                <NavLink to={area.path} end={area.path === '/'}>{area.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <nav aria-label="Account" className="header-nav header-account">
        <ul>
          {user.roles.includes('candidate') ? <li><NavLink to="/credentials">Credentials</NavLink></li> : null}
          <li><NavLink to="/profile">Profile</NavLink></li>
          <li>
            <Button className="link-button" onPress={onLogOut} data-pending={(pending) || undefined}>
              Log out
            </Button>
          </li>
        </ul>
      </nav>
    </>
  );
}

/** After a client-side navigation, move focus to `<main>` so keyboard and screen-reader users start at the
 * new page's content instead of on a link that no longer exists (the first page load keeps the default). */
function useFocusMainOnNavigation(mainRef: RefObject<HTMLElement | null>) {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: false });
    window.scrollTo(0, 0);
  }, [pathname, mainRef]);
}
