/**
 * Text that PostgreSQL can store. A NUL (U+0000) is refused in `text` and in `jsonb`; a lone UTF-16 surrogate is
 * refused in `jsonb` (JSON.stringify writes it as `\udXXX`) and silently turned into U+FFFD in `text`. Both can reach
 * us innocently (a paste cut at a length limit splits an emoji) or hostilely; either way they must be caught at the
 * boundary, never by the database halfway through a write.
 */

// A high surrogate not followed by a low one, or a low one not preceded by a high one (no `u` flag: we look at units).
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const loneSurrogates = new RegExp(loneSurrogate.source, 'g');

export type TextProblem = 'nul' | 'surrogate';

/** What makes `s` unstorable, or null. Example: `textProblem('a\u0000')` → `'nul'`. */
export function textProblem(s: string): TextProblem | null {
  if (s.includes('\u0000')) return 'nul';
  if (loneSurrogate.test(s)) return 'surrogate';
  return null;
}

/** The candidate's own text made storable: NULs removed, lone surrogates replaced by U+FFFD (what a browser shows). */
export function toStorableText(s: string): string {
  if (textProblem(s) === null) return s;
  return s.replaceAll('\u0000', '').replace(loneSurrogates, '\uFFFD');
}

/** At most `maxUnits` UTF-16 units of `s`, never cutting a surrogate pair in half. Example: `truncateText('a😀', 2)` → `'a'`. */
export function truncateText(s: string, maxUnits: number): string {
  if (s.length <= maxUnits) return s;
  const code = s.charCodeAt(maxUnits - 1);
  const cut = code >= 0xd800 && code <= 0xdbff ? maxUnits - 1 : maxUnits;
  return s.slice(0, Math.max(0, cut));
}

export const textProblemMessages: Record<TextProblem, string> = {
  nul: 'contains a NUL character (U+0000), which cannot be stored',
  surrogate: 'contains a broken character (a lone UTF-16 surrogate), which cannot be stored',
};

/**
 * The first string (value or object key) in a JSON-like value that cannot be stored, with its path. Walks without
 * recursion, so deeply nested input cannot overflow the stack. Example: `findUnstorableText({ a: ['x\u0000'] })` →
 * `{ path: ['a', '0'], problem: 'nul' }`.
 */
export function findUnstorableText(value: unknown): { path: string[]; problem: TextProblem } | null {
  // Each node knows its parent, so the path is built only for what is found (copying paths would be quadratic).
  interface Node { value: unknown; key: string | null; parent: Node | null }
  const pathOf = (node: Node | null): string[] => {
    const path: string[] = [];
    for (let n = node; n && n.key !== null; n = n.parent) path.push(n.key);
    return path.reverse();
  };
  const stack: Node[] = [{ value, key: null, parent: null }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const v = node.value;
    if (typeof v === 'string') {
      const problem = textProblem(v);
      if (problem) return { path: pathOf(node), problem };
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], key: String(i), parent: node });
    } else if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        const problem = textProblem(k);
        if (problem) return { path: [...pathOf(node), k], problem };
        stack.push({ value: child, key: k, parent: node });
      }
    }
  }
  return null;
}

/** A copy of a (schema-checked, so shallow enough) JSON-like value with every string made storable. */
export function toStorableValue<T>(value: T): T {
  if (typeof value === 'string') return toStorableText(value) as T;
  if (Array.isArray(value)) return value.map(toStorableValue) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [toStorableText(k), toStorableValue(v)])) as T;
  }
  return value;
}
