/**
 * Builds the demo program's files from the authoring sources in demo/authoring/: one QTI 3.0 content package per
 * exam (demo/packages/<CODE>.zip) and demo/program.json (the program, each exam's record, blueprint and policy).
 * Run after editing the items: `npx tsx demo/build-packages.ts`. The loader reads only the built files, through
 * the same QTI import an admin uses.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { domainQuotas } from '../src/core/catalog/assemble-form.ts';
import { ExamPolicy, policyProblems } from '../src/core/catalog/policy.ts';
import { writeQtiPackage } from '../src/server/catalog/qti/write-package.ts';
import * as professional from './authoring/cloud-devops-professional.ts';
import * as practice from './authoring/cloud-devops-practice.ts';
import * as quickCheck from './authoring/cloud-devops-quick-check.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.join(here, 'packages');
mkdirSync(outDir, { recursive: true });

const exams = [
  { source: professional, policy: {} },
  { source: practice, policy: { proctoring: { proctored: false, requireIdPhoto: false, requireRoomPhotos: false, requireRoomScan: false, requireSingleDisplay: false }, retakes: { waitDaysAfterFail: 0, lockoutDaysAfterPass: 0 }, booking: { minLeadHours: 0 }, credential: { validityMonths: 0 } } },
  // The proctored journey on demand: a slot a quarter of an hour ahead can be booked and checked into at once (check-in
  // opens 30 minutes before), the room scan is short, and the exam can be booked again straight after (no retake
  // wait, no lockout after a pass, changes free until the start, results not held back).
  { source: quickCheck, policy: {
    checkIn: { opensMinutesBefore: 30 },
    booking: { minLeadHours: 0, slotIntervalMinutes: 15 },
    rescheduling: { cutoffHours: 0 },
    retakes: { waitDaysAfterFail: 0, lockoutDaysAfterPass: 0 },
    results: { releaseDelayHours: 0 },
    proctoring: { proctored: true, roomScanSeconds: 10, requireSafeExamBrowser: false },
  } },
];

const program = {
  program: { name: 'Invigil Demo Certification Board', contactEmail: 'certification@invigil.test', website: null, issuerName: 'Invigil Demo Certification Board', issuerUrl: null },
  exams: [] as unknown[],
};

for (const { source, policy } of exams) {
  const { domains, ...exam } = source.exam;
  // Refuse here what the loader's savePolicy would refuse at start-up.
  const problems = policyProblems(ExamPolicy.parse(policy));
  if (problems.length) throw new Error(`${exam.code} policy: ${problems.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
  const quotas = domainQuotas(domains, exam.scoredItemCount);
  const zip = writeQtiPackage({
    identifier: exam.code,
    title: exam.title,
    items: source.items,
    test: { identifier: exam.code, title: exam.title, sections: domains.map((d) => ({ identifier: d.code, title: d.name, select: quotas.get(d.code) ?? 0, itemIdentifiers: source.items.filter((i) => i.scored && i.domain === d.code).map((i) => i.identifier) })) },
  });
  const file = `${exam.code}.zip`;
  writeFileSync(path.join(outDir, file), zip);
  program.exams.push({ exam, blueprint: { domains }, policy, package: `packages/${file}` });
  console.log(`${file}: ${source.items.length} items, ${zip.length} bytes`);
}
writeFileSync(path.join(here, 'program.json'), `${JSON.stringify(program, null, 2)}\n`);
console.log('program.json written');
