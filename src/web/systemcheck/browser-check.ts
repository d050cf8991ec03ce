import type { CheckOutcome } from './check-types.ts';

export interface BrowserInfo { name: 'Chrome' | 'Chromium' | 'Edge' | 'Firefox' | 'Safari' | 'Opera' | 'unknown'; major: number }

/** Oldest supported major version of each browser (about a year of releases; Firefox from its ESR). */
export const minimumVersions: Partial<Record<BrowserInfo['name'], number>> = { Chrome: 120, Chromium: 120, Edge: 120, Firefox: 115, Safari: 16 };

interface UaBrand { brand: string; version: string }

/** Names the browser from User-Agent Client Hints when the browser has them, else from the User-Agent string. */
export function identifyBrowser(userAgent: string, brands?: readonly UaBrand[]): BrowserInfo {
  if (brands?.length) {
    const find = (name: string) => brands.find((b) => b.brand === name);
    const pick = find('Microsoft Edge') ? ['Edge', find('Microsoft Edge')!] as const
      : find('Opera') ? ['Opera', find('Opera')!] as const
      : find('Google Chrome') ? ['Chrome', find('Google Chrome')!] as const
      : find('Chromium') ? ['Chromium', find('Chromium')!] as const : null;
    if (pick) return { name: pick[0], major: Number.parseInt(pick[1].version, 10) || 0 };
  }
  const match = (re: RegExp) => Number.parseInt(re.exec(userAgent)?.[1] ?? '', 10);
  if (/Edg(A|iOS)?\//.test(userAgent)) return { name: 'Edge', major: match(/Edg(?:A|iOS)?\/(\d+)/) };
  if (/OPR\//.test(userAgent)) return { name: 'Opera', major: match(/OPR\/(\d+)/) };
  if (/Firefox\//.test(userAgent)) return { name: 'Firefox', major: match(/Firefox\/(\d+)/) };
  if (/(Headless)?Chrome\//.test(userAgent)) return { name: /Chromium\//.test(userAgent) ? 'Chromium' : 'Chrome', major: match(/Chrom(?:e|ium)\/(\d+)/) };
  if (/Safari\//.test(userAgent) && /Version\//.test(userAgent)) return { name: 'Safari', major: match(/Version\/(\d+)/) };
  return { name: 'unknown', major: 0 };
}

/** Checks this browser against the supported list. */
export function checkBrowser(): CheckOutcome {
  const nav = navigator as Navigator & { userAgentData?: { brands: UaBrand[] } };
  const info = identifyBrowser(nav.userAgent, nav.userAgentData?.brands);
  const minimum = minimumVersions[info.name];
  const supported = 'Chrome, Edge, Firefox or Safari';
  if (info.name === 'unknown') {
    return { status: 'warn', detail: 'We could not recognise this browser.', fix: `Use a recent version of ${supported} for the exam.` };
  }
  const name = `${info.name} ${info.major}`;
  if (minimum === undefined) {
    return { status: 'warn', detail: `${name} is not on our supported list.`, fix: `It may work, but we test the exam only in ${supported}. Use one of those.` };
  }
  if (info.major < minimum) {
    return { status: 'fail', detail: `${name} is too old (version ${minimum} or newer is needed).`, fix: `Update ${info.name}, or use a recent version of ${supported}.` };
  }
  return { status: 'pass', detail: `${name} is supported.` };
}
