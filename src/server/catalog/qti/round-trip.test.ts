import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { itemContentProblems, itemStatuses, type ChoiceOption, type ItemContent, type ItemDraft, type ItemScoring } from '../../../core/catalog/item.ts';
import { sanitizeItemHtml } from '../sanitize.ts';
import { readQtiPackage, type QtiTest } from './read-package.ts';
import { writeQtiPackage } from './write-package.ts';

// Characters XML can carry; anything else is dropped on export by design (and tested in xml.test.ts).
const xmlChar = (c: string) => /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]+$/u.test(c);
const specials = fc.constantFrom('<', '>', '&', '"', "'", ']]>', '&amp;', '\n', '\r', '\t', ' ', '\u00a0', 'é', 'ß', '中文', '😀', '\u200b', '\u2028');
const anyText = fc.string({ unit: fc.oneof(specials, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter(xmlChar)), maxLength: 40 });

const identifier = fc.tuple(fc.constantFrom('Q', 'item_', 'É', 'Ω', '_', 'x'), fc.stringMatching(/^[A-Za-z0-9_.-]{0,12}$/)).map(([a, b]) => a + b);

/** Stored HTML is sanitizer output, so generate raw HTML-ish text and keep what the sanitizer makes of it. */
const html = fc
  .array(fc.oneof(
    anyText,
    fc.constantFrom('<p>', '</p>', '<b>', '</b>', '<em>x</em>', '<br>', '<code>a &lt; b</code>', '<ul><li>one</li><li>two</li></ul>', '<pre>\n  x\n</pre>',
      '<table><tr><td colspan="2">c</td></tr></table>', '<img src="/api/v1/blobs/b-1" alt="diagram &quot;A&quot;" width="10">', '<script>alert(1)</script>', '<span class="x">s</span>'),
  ), { maxLength: 8 })
  .map((parts) => sanitizeItemHtml(parts.join('')));
const nonEmptyHtml = html.filter((h) => h.trim() !== '');
const score = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 })).filter((n) => !Object.is(n, -0));

function contentArb(): fc.Arbitrary<ItemContent> {
  return fc.uniqueArray(identifier, { minLength: 2, maxLength: 6 }).chain((ids) => {
    const options: fc.Arbitrary<ChoiceOption[]> = fc.tuple(...ids.map((id) => fc.record({ html: nonEmptyHtml, fixed: fc.boolean() }).map(({ html, fixed }) => ({ id, html, ...(fixed ? { fixed: true as const } : {}) }))));
    const mapped = fc.subarray(ids).chain((keys) => fc.tuple(...keys.map((k) => score.map((v) => [k, v] as const))));
    const mapScoring: fc.Arbitrary<ItemScoring> = fc
      .record({ entries: mapped, defaultValue: score, lowerBound: fc.option(score, { nil: undefined }), upperBound: fc.option(score, { nil: undefined }) })
      .map(({ entries, defaultValue, lowerBound, upperBound }) => ({
        method: 'map_response' as const,
        map: Object.fromEntries(entries),
        defaultValue,
        ...(lowerBound !== undefined ? { lowerBound } : {}),
        ...(upperBound !== undefined ? { upperBound } : {}),
      }));
    const shape = fc.oneof(
      fc.record({ interaction: fc.constant('single' as const), maxChoices: fc.constant(1), correct: fc.constantFrom(...ids).map((k) => [k]), scoring: fc.oneof(fc.constant({ method: 'match_correct' as const }), mapScoring) }),
      fc.integer({ min: 1, max: ids.length - 1 }).chain((n) => fc.record({
        interaction: fc.constant('multiple' as const),
        maxChoices: fc.constant(n),
        correct: fc.shuffledSubarray(ids, { minLength: n, maxLength: n }),
        scoring: fc.constant({ method: 'match_correct' as const }),
      })),
      fc.integer({ min: 1, max: ids.length - 1 }).chain((n) => fc.record({
        interaction: fc.constant('multiple' as const),
        maxChoices: fc.constant(n),
        correct: fc.shuffledSubarray(ids, { minLength: 1 }),
        scoring: mapScoring,
      })),
    );
    return fc.record({ shape, stem: nonEmptyHtml, options, shuffle: fc.boolean(), rationale: fc.option(nonEmptyHtml, { nil: undefined }) }).map(({ shape, stem, options, shuffle, rationale }) => ({
      interaction: shape.interaction,
      stem,
      options,
      correct: shape.correct,
      maxChoices: shape.maxChoices,
      shuffle,
      scoring: shape.scoring,
      ...(rationale !== undefined ? { rationale } : {}),
    }));
  });
}

const domain = fc.oneof(fc.constant(''), fc.stringMatching(/^D[0-9]{1,2}$/), anyText.map((s) => s.trim()).filter((s) => s !== '' && s === s.replace(/\r/g, '')));

const itemArb = (id: string): fc.Arbitrary<ItemDraft> =>
  fc.record({ title: anyText, domain, status: fc.constantFrom(...itemStatuses), scored: fc.boolean(), content: contentArb() }).map((r) => ({ identifier: id, ...r }));

const packageArb = fc.uniqueArray(identifier, { minLength: 1, maxLength: 6 }).chain((ids) =>
  fc.record({
    identifier,
    title: anyText,
    items: fc.tuple(...ids.map(itemArb)),
    test: fc.option(
      fc.record({
        identifier,
        title: anyText,
        sections: fc.uniqueArray(identifier, { maxLength: 3 }).chain((sids) => fc.tuple(...sids.map((sid) => fc.record({
          title: anyText,
          select: fc.option(fc.nat(10), { nil: undefined }),
          itemIdentifiers: fc.subarray(ids),
        }).map(({ title, select, itemIdentifiers }) => ({ identifier: sid, title, ...(select !== undefined ? { select } : {}), itemIdentifiers }))))),
      }).map((t): QtiTest => ({ ...t })), // fc.record builds null-prototype objects; the reader builds plain ones
      { nil: undefined },
    ),
  }),
);

describe('QTI export and import', () => {
  it('generates only valid items (a check on the generator itself)', () => {
    fc.assert(fc.property(packageArb, (p) => p.items.every((i) => itemContentProblems(i.content).length === 0)), { numRuns: 200 });
  });

  it('reads back exactly what it wrote: items, metadata, rationale, scoring and test', () => {
    fc.assert(
      fc.property(packageArb, (p) => {
        const back = readQtiPackage(writeQtiPackage(p));
        expect(back.report).toEqual([]);
        expect(back.items).toStrictEqual(p.items);
        expect(back.test).toStrictEqual(p.test ?? null);
      }),
      { numRuns: 150 },
    );
  });

  it('round-trips a package with both scoring methods, unicode and markup-like text in every field', () => {
    const item: ItemDraft = {
      identifier: 'É-Q.1',
      title: 'Ports & "quotes" <not a tag> \r\n\t 😀',
      domain: 'Réseau & sécurité',
      status: 'retired',
      scored: false,
      content: {
        interaction: 'multiple',
        stem: '<p>Pick <strong>two</strong> of these &lt;values&gt; ]]&gt; &amp;amp;</p>',
        options: [{ id: 'A', html: 'α' }, { id: 'B', html: '<code>&lt;b&gt;</code>', fixed: true }, { id: '__proto__', html: 'proto' }],
        correct: ['A', '__proto__'],
        maxChoices: 2,
        shuffle: true,
        scoring: { method: 'map_response', map: Object.fromEntries([['A', 0.1], ['__proto__', 1e-7]]), defaultValue: -0.25, lowerBound: 0 },
        rationale: 'Because.',
      },
    };
    const back = readQtiPackage(writeQtiPackage({ identifier: 'PKG', title: 'T', items: [item] }));
    expect(back.items).toStrictEqual([item]);
    expect(Object.getPrototypeOf((back.items[0]!.content.scoring as { map: object }).map)).toBe(Object.prototype);
  });
});
