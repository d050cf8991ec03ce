import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { ExamCode } from '../../contracts/catalog.ts';
import { UsageError, withDeps } from '../context.ts';

function examCode(value: string): string {
  const r = ExamCode.safeParse(value);
  if (!r.success) throw new UsageError(`--exam: ${r.error.issues[0]?.message ?? 'not an exam code'}`);
  return r.data;
}

/** A one-line progress bar on stderr when it is a terminal; silent otherwise (logs stay clean). */
function progressBar(label: string) {
  const tty = process.stderr.isTTY;
  return (done: number, total: number) => {
    if (!tty || total === 0) return;
    const width = 30;
    const filled = Math.round((done / total) * width);
    process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
    if (done === total) process.stderr.write('\n');
  };
}

const importCommand = new Command('import')
  .description('Import a QTI 3.0 content package (zip) into an exam\'s item bank; all or nothing')
  .argument('<package.zip>', 'the IMS content package')
  .requiredOption('--exam <CODE>', 'the exam whose bank receives the items')
  .action(async (file: string, o: { exam: string }) => {
    const code = examCode(o.exam);
    if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`No such file: ${file}`);
    const zip = readFileSync(file);
    const { importQtiPackage } = await import('../../server/catalog/qti-transfer.ts');
    const report = await withDeps('qti import', (deps) => importQtiPackage(deps, 'system', code, zip, { onProgress: progressBar(`Importing ${path.basename(file)}`), inThread: true }));
    console.log(`Imported into ${code} in ${(report.ms / 1000).toFixed(1)} s: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.skipped.length} skipped.`);
    for (const s of report.skipped) console.log(`  skipped ${s.identifier} (${s.file}): ${s.problem}`);
  });

const exportCommand = new Command('export')
  .description('Export an exam\'s item bank as a QTI 3.0 content package (zip)')
  .requiredOption('--exam <CODE>', 'the exam to export')
  .requiredOption('--out <file.zip>', 'where to write the package')
  .action(async (o: { exam: string; out: string }) => {
    const code = examCode(o.exam);
    if (!o.out.endsWith('.zip')) throw new UsageError('--out: give a file name ending in .zip');
    const { exportQtiPackage } = await import('../../server/catalog/qti-transfer.ts');
    const { zip } = await withDeps('qti export', (deps) => exportQtiPackage(deps, 'system', code));
    writeFileSync(o.out, zip);
    console.log(`Wrote ${o.out} (${zip.length} bytes).`);
  });

export const qtiCommand = new Command('qti').description('QTI 3.0 item packages').addCommand(importCommand).addCommand(exportCommand);
