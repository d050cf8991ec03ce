import { zipSync, strToU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, logInAs, type TestApp } from '../../../test/harness.ts';
import { examInput, examWithBank, uniqueCode } from '../../../test/catalog-factories.ts';
import { seedDemo } from '../../../demo/seed-demo.ts';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await logInAs(t, await createUser(t, ['admin']));
});
afterAll(async () => { await t.close(); });

const itemsOf = async (code: string) => (await t.app.inject({ method: 'GET', url: `/api/v1/admin/exams/${code}/items?pageSize=100`, headers: { cookie: admin } })).json().items
  .map(({ identifier, title, domain, status, scored, content }: Record<string, unknown>) => ({ identifier, title, domain, status, scored, content }));

async function emptyExamLike(code: string) {
  const target = uniqueCode('IMP');
  await t.app.inject({ method: 'POST', url: '/api/v1/admin/exams', headers: { cookie: admin }, payload: examInput(target) });
  const blueprint = (await t.app.inject({ method: 'GET', url: `/api/v1/admin/exams/${code}`, headers: { cookie: admin } })).json().exam.domains;
  await t.app.inject({ method: 'PUT', url: `/api/v1/admin/exams/${target}/blueprint`, headers: { cookie: admin }, payload: { domains: blueprint } });
  return target;
}

const upload = (code: string, zip: Uint8Array) => t.app.inject({ method: 'POST', url: `/api/v1/admin/exams/${code}/qti-import`, headers: { cookie: admin, 'content-type': 'application/zip' }, payload: Buffer.from(zip) });

describe('QTI 3.0 transfer', () => {
  it('exports a bank and imports it into another exam with identical content; a second import changes nothing', async () => {
    const source = await examWithBank(t);
    const exported = await t.app.inject({ method: 'GET', url: `/api/v1/admin/exams/${source}/qti-export`, headers: { cookie: admin } });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toBe('application/zip');
    expect(exported.headers['content-disposition']).toContain(`${source}-qti3.zip`);
    const target = await emptyExamLike(source);
    const report = (await upload(target, exported.rawPayload)).json();
    expect(report).toMatchObject({ created: 17, updated: 0, unchanged: 0, skipped: [] });
    expect(await itemsOf(target)).toEqual(await itemsOf(source));
    const again = (await upload(target, exported.rawPayload)).json();
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 17 });
  });

  it('refuses a hostile package with the reason and imports nothing', async () => {
    const source = await examWithBank(t);
    const target = await emptyExamLike(source);
    const manifest = `<?xml version="1.0" encoding="UTF-8"?><manifest xmlns="http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1" identifier="M"><resources><resource identifier="R1" type="imsqti_item_xmlv3p0" href="items/a.xml"><file href="items/a.xml"/></resource></resources></manifest>`;
    const cases: [string, Uint8Array][] = [
      ['path traversal', zipSync({ 'imsmanifest.xml': strToU8(manifest), '../evil.xml': strToU8('<x/>') })],
      ['missing file', zipSync({ 'imsmanifest.xml': strToU8(manifest) })],
      ['entity expansion', zipSync({ 'imsmanifest.xml': strToU8(`<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaa">]><manifest>&a;</manifest>`) })],
      ['not a zip', strToU8('this is not a zip file at all')],
    ];
    for (const [label, zip] of cases) {
      const res = await upload(target, zip);
      expect(res.statusCode, label).toBe(400);
      expect(res.json().error.message, label).toMatch(/^The package was not imported: /);
    }
    expect(await itemsOf(target)).toEqual([]);
    const noBody = await t.app.inject({ method: 'POST', url: `/api/v1/admin/exams/${target}/qti-import`, headers: { cookie: admin, 'content-type': 'application/json' }, payload: {} });
    expect(noBody.statusCode).toBe(415);
  });

  it('refuses a package whose items use domains outside the blueprint, all or nothing', async () => {
    const source = await examWithBank(t);
    const exported = await t.app.inject({ method: 'GET', url: `/api/v1/admin/exams/${source}/qti-export`, headers: { cookie: admin } });
    const target = uniqueCode('ONE');
    await t.app.inject({ method: 'POST', url: '/api/v1/admin/exams', headers: { cookie: admin }, payload: examInput(target) });
    await t.app.inject({ method: 'PUT', url: `/api/v1/admin/exams/${target}/blueprint`, headers: { cookie: admin }, payload: { domains: [{ code: 'D1', name: 'Only one', weight: 100 }] } });
    const res = await upload(target, exported.rawPayload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('the domain D2 is not in the exam');
    expect(await itemsOf(target)).toEqual([]);
  });

  it('loads the demo program from its QTI packages and publishes its three exams', async () => {
    const created = await seedDemo(t.deps);
    expect(created).toEqual(expect.arrayContaining(['CDE-P01', 'CDE-PR1', 'CDE-PQ1']));
    const catalog = (await t.app.inject({ method: 'GET', url: '/api/v1/exams?q=cloud' })).json().exams;
    expect(catalog.map((e: { code: string }) => e.code)).toEqual(['CDE-P01', 'CDE-PQ1', 'CDE-PR1']);
    const status = (await t.app.inject({ method: 'GET', url: '/api/v1/admin/exams/CDE-P01/blueprint-status', headers: { cookie: admin } })).json();
    expect(status.ready).toBe(true);
    expect(status.domains).toHaveLength(5);
    const practice = (await t.app.inject({ method: 'GET', url: '/api/v1/exams/CDE-PR1' })).json();
    expect(practice.policy.proctoring.proctored).toBe(false);
    const quick = (await t.app.inject({ method: 'GET', url: '/api/v1/exams/CDE-PQ1' })).json();
    expect(quick.exam).toMatchObject({ durationMinutes: 15, scoredItemCount: 10, priceMinor: 0 });
    expect(quick.policy).toMatchObject({ booking: { minLeadHours: 0, slotIntervalMinutes: 15 }, proctoring: { proctored: true, roomScanSeconds: 10 } });
    expect(await itemsOf('CDE-PQ1')).toHaveLength(10);
    // The demo shifts go to the demo program, though the earlier tests made older programs.
    const shifts = await t.db.selectFrom('shift_rules').innerJoin('programs', 'programs.id', 'shift_rules.program_id').select('programs.name').execute();
    expect(shifts.map((r) => r.name)).toEqual(Array(4).fill('Invigil Demo Certification Board'));
    expect(await seedDemo(t.deps)).toEqual([]);
  });
});
