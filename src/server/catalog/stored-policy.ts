import { ExamPolicy } from '../../core/catalog/policy.ts';

/**
 * A stored policy document, validated (an older document gets the newer defaults). Policies are read on every
 * booking, start and save path while their rows never change (a save writes a new version), so each distinct
 * document is parsed once per process; the result is frozen, as it is shared by every caller.
 */
export function storedPolicy(doc: unknown): ExamPolicy {
  // The same row read again within a request (policyOf on one attempt row) needs no key at all.
  const object = doc !== null && typeof doc === 'object' ? doc : undefined;
  const known = object && byDocument.get(object);
  if (known) return known;
  const key = JSON.stringify(doc ?? {});
  let policy = parsed.get(key);
  if (policy) {
    // Most recently used last: the oldest entry is the one dropped when the cache is full.
    parsed.delete(key);
  } else {
    policy = deepFreeze(ExamPolicy.parse(doc ?? {}));
    if (parsed.size >= maxEntries) parsed.delete(parsed.keys().next().value!);
  }
  parsed.set(key, policy);
  if (object) byDocument.set(object, policy);
  return policy;
}

const maxEntries = 500;
const parsed = new Map<string, ExamPolicy>();
const byDocument = new WeakMap<object, ExamPolicy>();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
