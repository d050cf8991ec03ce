import { NavLink } from 'react-router';

export interface AreaLink {
  to: string;
  label: string;
  /** Match the path exactly (for an area's index page). */
  end?: boolean;
}

/** The secondary navigation of an area (proctor, admin), with the current page marked by aria-current. */
export function AreaNav({ label, links }: { label: string; links: AreaLink[] }) {
  return (
    <nav aria-label={label} className="area-nav">
      <ul>
        {links.map((link) => (
          <li key={link.to}>
            <NavLink to={link.to} end={link.end}>
              {link.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
