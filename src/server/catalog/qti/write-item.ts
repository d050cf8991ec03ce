/** Invigil item → `qti-assessment-item` XML, in the layout read-item.ts reads back (see read-package.ts). */
import { itemContentProblems, type ItemDraft } from '../../../core/catalog/item.ts';
import { sanitizeItemHtml } from '../sanitize.ts';
import { QtiPackageError } from './errors.ts';
import { QTI_IDENTIFIER, QTI_NS, QTI_XSD, RATIONALE_USE, RP_TEMPLATE_BASE, XSI_NS } from './vocabulary.ts';
import { escapeAttr as a, escapeText as t } from './xml.ts';

/**
 * Item HTML as XHTML inside QTI. Sanitized output is well-formed XML already (self-closed void elements, quoted
 * attributes, only the predefined entities); sanitizing again here also guarantees it for content stored before the
 * current allow-list. The XHTML elements take the QTI namespace, which is how QTI 3.0 defines its content model.
 */
const xhtml = (html: string) => sanitizeItemHtml(html);

/** Problems that keep an item out of an export: what import would refuse, plus identifiers unusable as QTI names. */
export function itemExportProblems(item: ItemDraft): string[] {
  const problems = [...itemContentProblems(item.content)];
  if (!QTI_IDENTIFIER.test(item.identifier)) problems.push(`The identifier "${item.identifier}" is not a QTI identifier (a letter or _, then letters, digits, _, - or .).`);
  for (const o of item.content.options) if (!QTI_IDENTIFIER.test(o.id)) problems.push(`The option identifier "${o.id}" is not a QTI identifier.`);
  const s = item.content.scoring;
  if (s.method === 'map_response') {
    const numbers = [s.defaultValue, s.lowerBound ?? 0, s.upperBound ?? 0, ...Object.values(s.map)];
    if (!numbers.every(Number.isFinite)) problems.push('Every score in the map and its bounds must be a finite number.');
  }
  return problems;
}

/** The QTI 3.0 XML of one item; throws ItemInvalid when the item could not be imported back. */
export function writeItemXml(item: ItemDraft): string {
  const problems = itemExportProblems(item);
  if (problems.length) throw new QtiPackageError('ItemInvalid', `Item ${item.identifier} cannot be exported: ${problems.join(' ')}`, { items: [{ identifier: item.identifier, problems }] });
  const c = item.content;
  const s = c.scoring;
  const lines: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<qti-assessment-item xmlns="${QTI_NS}" xmlns:xsi="${XSI_NS}" xsi:schemaLocation="${QTI_NS} ${QTI_XSD}" identifier="${a(item.identifier)}" title="${a(item.title)}" adaptive="false" time-dependent="false">`,
    `  <qti-response-declaration identifier="RESPONSE" cardinality="${c.interaction}" base-type="identifier">`,
    '    <qti-correct-response>',
    ...c.correct.map((k) => `      <qti-value>${t(k)}</qti-value>`),
    '    </qti-correct-response>',
  ];
  if (s.method === 'map_response') {
    const bounds = `${s.lowerBound !== undefined ? ` lower-bound="${s.lowerBound}"` : ''}${s.upperBound !== undefined ? ` upper-bound="${s.upperBound}"` : ''}`;
    // String(n) is the shortest text that parses back to the same double, so scores survive the trip exactly.
    lines.push(`    <qti-mapping default-value="${s.defaultValue}"${bounds}>`);
    for (const [key, value] of Object.entries(s.map)) lines.push(`      <qti-map-entry map-key="${a(key)}" mapped-value="${value}"/>`);
    lines.push('    </qti-mapping>');
  }
  lines.push('  </qti-response-declaration>', '  <qti-outcome-declaration identifier="SCORE" cardinality="single" base-type="float"/>', '  <qti-item-body>');
  const rationale = c.rationale === undefined ? '' : xhtml(c.rationale);
  if (rationale) lines.push(`    <qti-rubric-block use="${RATIONALE_USE}" view="author scorer"><qti-content-body>${rationale}</qti-content-body></qti-rubric-block>`);
  // The item body holds blocks; a <div> makes a stem that starts with bare text valid, and import drops it again.
  lines.push(`    <div>${xhtml(c.stem)}</div>`);
  lines.push(`    <qti-choice-interaction response-identifier="RESPONSE" shuffle="${c.shuffle}" max-choices="${c.maxChoices}">`);
  for (const o of c.options) lines.push(`      <qti-simple-choice identifier="${a(o.id)}"${o.fixed ? ' fixed="true"' : ''}>${xhtml(o.html)}</qti-simple-choice>`);
  lines.push('    </qti-choice-interaction>', '  </qti-item-body>');
  lines.push(`  <qti-response-processing template="${RP_TEMPLATE_BASE}${s.method}.xml"/>`, '</qti-assessment-item>', '');
  return lines.join('\n');
}
