import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ExamPolicy } from '../src/core/catalog/policy.ts';
import { Blueprint, CreateExamBody, ProgramBody } from '../src/contracts/catalog.ts';
import { createExam, updateExam } from '../src/server/catalog/exams.ts';
import { createProgram } from '../src/server/catalog/programs.ts';
import { importQtiPackage } from '../src/server/catalog/qti-transfer.ts';
import { findExamByCode } from '../src/server/catalog/repository.ts';
import { saveBlueprint } from '../src/server/catalog/save-blueprint.ts';
import { savePolicy } from '../src/server/catalog/save-policy.ts';
import type { Deps } from '../src/server/platform/deps.ts';
import { projectRoot } from '../src/server/paths.ts';

// From the project's folder, not this module's: the server may run from its prebuilt bundle (dist/server).
const here = path.join(projectRoot, 'demo');

// demo/program.json is validated like any other input: it is data, even if it ships with the code.
const DemoProgram = z.object({
  program: ProgramBody,
  exams: z.array(z.object({ exam: CreateExamBody, blueprint: Blueprint, policy: ExamPolicy, package: z.string().regex(/^packages\/[A-Za-z0-9_.-]+\.zip$/) })),
});

/**
 * Loads the demo program (a program, its exams with blueprints and policies, and their item banks from the QTI 3.0
 * packages in demo/packages) and publishes the exams. Exams that already exist are left alone; one transaction.
 */
export async function loadDemoProgram(deps: Deps): Promise<string[]> {
  const demo = DemoProgram.parse(JSON.parse(readFileSync(path.join(here, 'program.json'), 'utf8')));
  const loaded: string[] = [];
  await deps.db.transaction().execute(async (trx) => {
    let program = await trx.selectFrom('programs').select('id').where('name', '=', demo.program.name).executeTakeFirst();
    program ??= await createProgram(deps, 'system', demo.program, trx);
    for (const e of demo.exams) {
      if (await findExamByCode(trx, e.exam.code)) continue;
      await createExam(deps, 'system', { ...e.exam, programId: program.id }, trx);
      await saveBlueprint(deps, 'system', e.exam.code, e.blueprint, trx);
      await savePolicy(deps, 'system', e.exam.code, { policy: e.policy, expectedVersion: 0 }, trx);
      await importQtiPackage(deps, 'system', e.exam.code, readFileSync(path.join(here, e.package)), { trx, inThread: true });
      await updateExam(deps, 'system', e.exam.code, { status: 'published' }, trx);
      loaded.push(e.exam.code);
    }
  });
  return loaded;
}
