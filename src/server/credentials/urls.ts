import type { Deps } from '../platform/deps.ts';

type Cfg = Pick<Deps, 'config'>;

/** The public addresses of credentials (every one answers without signing in). */
export const credentialUrl = (deps: Cfg, id: string) => `${deps.config.publicUrl}/api/v1/credentials/${id}`;
export const verifyPageUrl = (deps: Cfg, id: string) => `${deps.config.publicUrl}/verify/${id}`;
export const issuerUrl = (deps: Cfg, programId: string) => `${deps.config.publicUrl}/api/v1/credentials/issuers/${programId}`;
export const statusListUrl = (deps: Cfg, programId: string, list: number) => `${deps.config.publicUrl}/api/v1/credentials/status/${programId}/${list}`;
export const achievementUrl = (deps: Cfg, examCode: string) => `${deps.config.publicUrl}/exams/${examCode}`;

const uuid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The credential id in one of our credential URLs, or null. */
export function credentialIdOf(deps: Cfg, url: unknown): string | null {
  if (typeof url !== 'string') return null;
  return new RegExp(`^${escape(deps.config.publicUrl)}/api/v1/credentials/(${uuid})$`).exec(url)?.[1] ?? null;
}

/** Program and list number in one of our status list URLs, or null. */
export function statusListOf(deps: Cfg, url: unknown): { programId: string; list: number } | null {
  if (typeof url !== 'string') return null;
  const m = new RegExp(`^${escape(deps.config.publicUrl)}/api/v1/credentials/status/(${uuid})/([1-9][0-9]{0,5})$`).exec(url);
  return m ? { programId: m[1]!, list: Number(m[2]) } : null;
}
