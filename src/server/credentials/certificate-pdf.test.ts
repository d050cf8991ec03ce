import { inflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { pdfText } from '../../../test/pdf-text.ts';
import { certificatePdf } from './certificate-pdf.ts';

const facts = (holderName: string) => ({
  holderName, achievement: 'CDE-P01 Cloud DevOps Engineer', issuerName: 'Demo Certification Board', issuedAt: new Date('2026-12-04T10:00:00Z'),
  validUntil: new Date('2029-12-04T10:00:00Z'), credentialId: '00000000-0000-4000-8000-000000000001', verifyUrl: 'http://invigil.test/verify/00000000-0000-4000-8000-000000000001', status: 'Valid',
});

/** Every object of the PDF, its deflated streams (object streams hold the font dictionaries) inflated. */
function objects(pdf: Uint8Array): string {
  const raw = Buffer.from(pdf).toString('latin1');
  const parts = [raw];
  for (const m of raw.matchAll(/stream\r?\n([\s\S]*?)endstream/g)) {
    try {
      parts.push(inflateSync(Buffer.from(m[1]!, 'latin1')).toString('latin1'));
    } catch {
      // not deflated
    }
  }
  return parts.join('\n');
}

describe('certificate PDF fonts', () => {
  it('keeps the standard fonts for Latin-1 names (small files, readable text)', async () => {
    const pdf = await certificatePdf(facts('Zoë Ørsted'));
    expect(pdfText(Buffer.from(pdf))).toContain('Zoë Ørsted');
    expect(objects(pdf)).not.toContain('DejaVuSans');
  });

  it('embeds a Unicode font, as a subset with its Unicode map, for names in other scripts', async () => {
    const pdf = await certificatePdf(facts('Αλέξανδρος Ковалёв'));
    const all = objects(pdf);
    expect(all).toMatch(/\/BaseFont \/DejaVuSans/);
    expect(all).toContain('/ToUnicode');
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(1);
    expect(pdf.length).toBeLessThan(200_000);
  });
});
