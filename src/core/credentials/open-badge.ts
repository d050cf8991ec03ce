/**
 * Open Badges 3.0 documents (OpenBadgeCredential and the BitstringStatusListCredential beside it) on the W3C
 * Verifiable Credentials 2.0 data model, built from plain facts; signing happens in the server.
 */
export const credentialContexts = ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'] as const;

export interface IssuerProfile {
  id: string;
  type: ['Profile'];
  name: string;
  url: string;
}

export interface BadgeFacts {
  /** The credential's URL (dereferences to it). */
  id: string;
  issuer: IssuerProfile;
  achievement: { id: string; name: string; description: string; criteria: string };
  /** OB 3.0 IdentityObjects: the holder's name in clear, the email as `sha256$hex(email + salt)`. */
  holder: { name: string; emailHash: string; salt: string };
  validFrom: Date;
  validUntil: Date | null;
  awardedAt: Date;
  score: { scaled: number; passing: number; min: number; max: number };
  status: { listUrl: string; index: number };
}

const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The unsigned OpenBadgeCredential for a released pass. */
export function openBadgeCredential(f: BadgeFacts) {
  const scoreDescription = `${f.achievement.id}#scaled-score`;
  return {
    '@context': [...credentialContexts],
    id: f.id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: f.achievement.name,
    issuer: f.issuer,
    validFrom: iso(f.validFrom),
    ...(f.validUntil ? { validUntil: iso(f.validUntil) } : {}),
    awardedDate: iso(f.awardedAt),
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [
        { type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: f.holder.name },
        { type: 'IdentityObject', identityType: 'emailAddress', hashed: true, identityHash: f.holder.emailHash, salt: f.holder.salt },
      ],
      achievement: {
        id: f.achievement.id,
        type: ['Achievement'],
        achievementType: 'Certification',
        name: f.achievement.name,
        description: f.achievement.description,
        criteria: { narrative: f.achievement.criteria },
        resultDescription: [{
          id: scoreDescription, type: ['ResultDescription'], name: 'Scaled score', resultType: 'ScaledScore',
          valueMin: String(f.score.min), valueMax: String(f.score.max), requiredValue: String(f.score.passing),
        }],
      },
      result: [{ type: ['Result'], resultDescription: scoreDescription, value: String(f.score.scaled), status: 'Completed' }],
    },
    credentialStatus: {
      id: `${f.status.listUrl}#${f.status.index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(f.status.index),
      statusListCredential: f.status.listUrl,
    },
  };
}
export type OpenBadgeCredential = ReturnType<typeof openBadgeCredential>;

/** The revocation list as a BitstringStatusListCredential (`encodedList` from status-list.ts). */
export function statusListCredential(f: { id: string; issuer: IssuerProfile; validFrom: Date; encodedList: string }) {
  return {
    '@context': [credentialContexts[0]],
    id: f.id,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: f.issuer,
    validFrom: iso(f.validFrom),
    credentialSubject: { id: `${f.id}#list`, type: 'BitstringStatusList', statusPurpose: 'revocation', encodedList: f.encodedList },
  };
}

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

/**
 * The JWT claims of a credential secured as a JWT (Open Badges 3.0 §8.2, which follows VC-JOSE-COSE for the VC 2.0 data
 * model): the payload IS the credential (no `vc` wrapper, which belonged to VC 1.1), plus the registered claims taken
 * from it: `iss` = issuer.id, `jti` = id, `nbf` = validFrom, `exp` = validUntil. `sub` is left out because our subject
 * has no `id` (the holder is named by IdentityObjects), which is when OB 3.0 omits it.
 */
export function jwtClaims<C extends { id: string; issuer: { id: string }; validFrom: string; validUntil?: string }>(credential: C) {
  return {
    ...credential,
    iss: credential.issuer.id,
    jti: credential.id,
    nbf: seconds(new Date(credential.validFrom)),
    ...(credential.validUntil ? { exp: seconds(new Date(credential.validUntil)) } : {}),
  };
}
