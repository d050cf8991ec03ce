import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { documentFonts } from '../platform/pdf-fonts.ts';
import QRCode from 'qrcode';

/** Draws the QR code of `text` as filled squares (vector, sharp at any zoom), bottom-left corner at (x, y). */
function drawQr(page: PDFPage, text: string, x: number, y: number, size: number) {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const quiet = 4; // the quiet zone readers need, in modules
  const cell = size / (modules.size + 2 * quiet);
  page.drawRectangle({ x, y, width: size, height: size, color: rgb(1, 1, 1) });
  // One rectangle per run of dark modules in a row (row 0 at the top), which keeps the page small.
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (!modules.get(row, col)) continue;
      let run = 1;
      while (col + run < modules.size && modules.get(row, col + run)) run++;
      page.drawRectangle({ x: x + (quiet + col) * cell, y: y + size - (quiet + row + 1) * cell, width: run * cell, height: cell, color: rgb(0, 0, 0) });
      col += run - 1;
    }
  }
}

const dateOf = (d: Date) => d.toISOString().slice(0, 10);

export interface CertificateFacts {
  holderName: string;
  achievement: string;
  issuerName: string;
  issuedAt: Date;
  validUntil: Date | null;
  credentialId: string;
  verifyUrl: string;
  status: string;
}

/**
 * The certificate: one landscape A4 page with the holder, the certification, the dates, the credential id and a QR
 * code (with the address in words beside it) that opens the public verification page.
 */
export async function certificatePdf(f: CertificateFacts): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Certificate: ${f.achievement}`);
  doc.setAuthor(f.issuerName);
  doc.setCreator('Invigil');
  doc.setCreationDate(f.issuedAt);
  const page = doc.addPage([841.89, 595.28]);
  const { regular, bold, printable } = await documentFonts(doc, [f.holderName, f.achievement, f.issuerName, f.status]);
  const { width } = page.getSize();
  const ink = rgb(0.1, 0.1, 0.12);
  const muted = rgb(0.35, 0.35, 0.4);
  const centred = (text: string, y: number, size: number, font: PDFFont, color = ink) => {
    const t = printable(font, text);
    page.drawText(t, { x: (width - font.widthOfTextAtSize(t, size)) / 2, y, size, font, color });
  };
  page.drawRectangle({ x: 24, y: 24, width: width - 48, height: 595.28 - 48, borderColor: rgb(0.16, 0.3, 0.55), borderWidth: 3 });
  centred(f.issuerName, 520, 14, regular, muted);
  centred('Certificate', 470, 34, bold);
  centred('This certifies that', 425, 13, regular, muted);
  centred(f.holderName, 385, 28, bold);
  centred('has earned the certification', 350, 13, regular, muted);
  centred(f.achievement.length > 70 ? `${f.achievement.slice(0, 67)}...` : f.achievement, 315, 18, bold);
  centred(`Issued ${dateOf(f.issuedAt)}${f.validUntil ? `  ·  Valid until ${dateOf(f.validUntil)}` : '  ·  Does not expire'}`, 280, 12, regular);
  if (f.status !== 'valid') centred(`Status when printed: ${f.status.replace(/_/g, ' ')}`, 258, 12, bold, rgb(0.6, 0.1, 0.1));

  const qrSize = 120;
  drawQr(page, f.verifyUrl, 60, 60, qrSize);
  const left = 60 + qrSize + 16;
  page.drawText('Verify this certificate:', { x: left, y: 150, size: 11, font: bold, color: ink });
  page.drawText(printable(regular, f.verifyUrl), { x: left, y: 132, size: 10, font: regular, color: rgb(0.1, 0.25, 0.6) });
  page.drawText(`Credential ${f.credentialId}`, { x: left, y: 114, size: 9, font: regular, color: muted });
  page.drawText('A signed Open Badges 3.0 credential: scan the code or open the address to see whether it is valid today.', { x: left, y: 96, size: 9, font: regular, color: muted });
  return doc.save();
}
