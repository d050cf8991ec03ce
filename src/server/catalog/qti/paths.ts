/** Package paths: references inside a package are URI references relative to the file that holds them. */
import { QtiPackageError } from './errors.ts';

/** The package path `href` points to from the file `from` (both relative to the package root), or undefined when it leaves the package, is absolute or has a scheme. */
export function resolveHref(from: string, href: string): string | undefined {
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(href) || href.startsWith('/') || href.includes('\\')) return undefined;
  let path = href.replace(/[?#].*$/s, '');
  try {
    path = decodeURIComponent(path);
  } catch {
    return undefined;
  }
  if (path === '' || path.includes('\0') || path.includes('\\')) return undefined;
  const out = from.split('/').slice(0, -1);
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(seg);
  }
  return out.length ? out.join('/') : undefined;
}

/** Like resolveHref, but a reference that escapes the package is an UnsafePath error naming the file that holds it. */
export function requireHref(from: string, href: string): string {
  const path = resolveHref(from, href);
  if (path === undefined) {
    throw new QtiPackageError('UnsafePath', `${from} refers to "${href}", which is not a path inside the package (absolute, with a scheme, or climbing out with "..").`, { file: from, href });
  }
  return path;
}

/** The relative reference from the file `from` to the package path `to` (e.g. `../items/q1.xml`), percent-encoded. */
export function relativeHref(from: string, to: string): string {
  const a = from.split('/').slice(0, -1);
  const b = to.split('/');
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].map((s) => (s === '..' ? s : encodeURIComponent(s))).join('/');
}
