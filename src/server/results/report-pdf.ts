import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { ScoreReport } from '../../contracts/results.ts';
import { documentFonts } from '../platform/pdf-fonts.ts';

const dateOf = (iso: string) => new Date(iso).toISOString().slice(0, 10);

/**
 * The score report as a PDF of one A4 page: exam, candidate, date, scaled and passing score, the result, feedback by
 * domain, and the link that shows the same report online. Only for released (or invalidated) results: before that
 * there is no official score to print.
 */
export async function scoreReportPdf(report: ScoreReport, link: string, issuer: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Score report ${report.examCode}`);
  doc.setAuthor(issuer);
  doc.setCreator('Invigil');
  doc.setCreationDate(new Date(report.releasedAt ?? report.takenAt));
  const page = doc.addPage([595.28, 841.89]);
  const { regular, bold, printable } = await documentFonts(doc, [report.candidateName, report.examTitle, issuer, report.decisionNote ?? '', ...report.domains.map((d) => d.title)]);
  let y = 780;
  const left = 56;
  const write = (p: PDFPage, text: string, opts: { size?: number; font?: PDFFont; x?: number; color?: [number, number, number] } = {}) => {
    const font = opts.font ?? regular;
    p.drawText(printable(font, text), { x: opts.x ?? left, y, size: opts.size ?? 11, font, color: rgb(...(opts.color ?? [0.1, 0.1, 0.12])) });
  };
  write(page, issuer, { size: 10, color: [0.35, 0.35, 0.4] });
  y -= 28;
  write(page, 'Score report', { size: 22, font: bold });
  y -= 26;
  write(page, `${report.examCode} ${report.examTitle}`, { size: 13, font: bold });
  y -= 30;
  const official = report.state === 'released';
  const rows: [string, string][] = [
    ['Candidate', report.candidateName],
    ['Exam date', dateOf(report.takenAt)],
    ['Result', report.state === 'invalidated' ? 'Invalidated' : official ? (report.passed ? 'Pass' : 'Not passed') : 'Not yet official'],
    ['Scaled score', report.scaledScore !== null ? `${report.scaledScore} (scale ${report.scale.min} to ${report.scale.max})` : '-'],
    ['Passing score', String(report.passingScore)],
    ['Released', report.releasedAt ? dateOf(report.releasedAt) : '-'],
  ];
  for (const [label, value] of rows) {
    write(page, label, { color: [0.35, 0.35, 0.4] });
    write(page, value, { x: left + 150, font: label === 'Result' || label === 'Scaled score' ? bold : regular });
    y -= 20;
  }
  if (report.domains.length > 0) {
    y -= 16;
    write(page, 'Feedback by domain', { size: 13, font: bold });
    y -= 22;
    for (const d of report.domains) {
      write(page, d.title.length > 60 ? `${d.title.slice(0, 57)}...` : d.title);
      write(page, `${d.percent} %`, { x: left + 330 });
      write(page, d.verdict === 'meets' ? 'Meets competencies' : 'Needs improvement', { x: left + 380 });
      y -= 18;
    }
    y -= 6;
    write(page, 'A domain meets competencies when its share of the points reaches the passing standard.', { size: 9, color: [0.35, 0.35, 0.4] });
  }
  y -= 36;
  write(page, 'Check this report online:', { size: 10 });
  y -= 16;
  write(page, link, { size: 10, color: [0.1, 0.25, 0.6] });
  return doc.save();
}
