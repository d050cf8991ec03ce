import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { StandardFonts, type PDFDocument, type PDFFont } from 'pdf-lib';

const require = createRequire(import.meta.url);
let dejaVu: Promise<{ regular: Uint8Array; bold: Uint8Array }> | null = null;

/** DejaVu Sans (Latin, Greek, Cyrillic, Armenian, Georgian, Hebrew, Arabic and more), read once per process. */
function dejaVuFonts() {
  dejaVu ??= Promise.all([
    readFile(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    readFile(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  ]).then(([regular, bold]) => ({ regular, bold }));
  return dejaVu;
}

const winAnsi = (font: PDFFont, text: string) => {
  try {
    font.encodeText(text);
    return true;
  } catch {
    return false;
  }
};

/**
 * The fonts of a document that will print `texts`: the standard Helvetica pair when every text is WinAnsi (small
 * files), else DejaVu Sans embedded as a subset, so a name in Greek, Cyrillic, Arabic or Hebrew prints as written.
 * Characters no font here has (Chinese, Japanese, Korean) still print, as empty boxes; `printable` turns them into `?`.
 */
export async function documentFonts(doc: PDFDocument, texts: readonly string[]): Promise<{ regular: PDFFont; bold: PDFFont; printable: (font: PDFFont, text: string) => string }> {
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  if (texts.every((t) => winAnsi(regular, t))) return { regular, bold, printable: (font, text) => spell(text, (ch) => winAnsi(font, ch)) };
  doc.registerFontkit(fontkit);
  const files = await dejaVuFonts();
  const uRegular = await doc.embedFont(files.regular, { subset: true });
  const uBold = await doc.embedFont(files.bold, { subset: true });
  const covered = new Set(uRegular.getCharacterSet());
  return { regular: uRegular, bold: uBold, printable: (_font, text) => spell(text, (ch) => covered.has(ch.codePointAt(0)!)) };
}

/** `text` with every character `has` refuses spelled as `?`. */
function spell(text: string, has: (ch: string) => boolean): string {
  let out = '';
  for (const ch of text) out += has(ch) ? ch : '?';
  return out;
}
