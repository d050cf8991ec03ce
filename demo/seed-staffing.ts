import type { Deps } from '../src/server/platform/deps.ts';
import { recomputeCapacity } from '../src/server/scheduling/recompute-capacity.ts';

/**
 * The demo program's shifts, each proctoring and greeting seven days a week. Follow-the-sun cover by three proctors in
 * India, Germany and Brazil, each on an eight-to-ten hour local day, overlapping at the handovers so cover holds on
 * both sides of Europe's DST changes; plus Omar on shift around the clock (UTC, so no DST), so a proctor and a greeter
 * are always on duty for the quick check CDE-PQ1 and a slot a quarter of an hour ahead can be booked at any hour.
 */
const demoShiftPlan = [
  { email: 'proctor@invigil.test', zone: 'Asia/Kolkata', start: '05:00', end: '15:00' },
  { email: 'lena.proctor@invigil.test', zone: 'Europe/Berlin', start: '09:00', end: '19:00' },
  { email: 'mateo.proctor@invigil.test', zone: 'America/Sao_Paulo', start: '13:00', end: '21:00' },
  { email: 'omar.proctor@invigil.test', zone: 'UTC', start: '00:00', end: '24:00' },
];

/**
 * Adds the shifts of `demoShiftPlan` for each demo proctor who has none in the demo program yet (so an older data
 * folder gains the proctors added since), recomputes the capacity, and adds two demo codes. Idempotent.
 */
export async function seedDemoStaffing(deps: Deps): Promise<string[]> {
  // The program of the demo exams, not simply the oldest one: `invigil demo seed` may run on an instance with others.
  const program = await deps.db.selectFrom('exams').select('program_id as id').where('code', '=', 'CDE-P01').executeTakeFirst();
  if (!program) return [];
  const created: string[] = [];
  await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const validFrom = new Date(now.getTime() - 2 * 86_400_000).toISOString().slice(0, 10);
    for (const p of demoShiftPlan) {
      const user = await trx.selectFrom('users').select('id').where('email', '=', p.email).executeTakeFirst();
      if (!user) continue;
      const existing = await trx.selectFrom('shift_rules').select('id').where('program_id', '=', program.id).where('proctor_id', '=', user.id).limit(1).executeTakeFirst();
      if (existing) continue;
      await trx.insertInto('shift_rules').values({
        id: deps.ids.uuid(), proctor_id: user.id, program_id: program.id, weekdays: [1, 2, 3, 4, 5, 6, 7], start_time: p.start, end_time: p.end,
        time_zone: p.zone, valid_from: validFrom, valid_until: null, proctoring: true, greeting: true, created_by: null, created_at: now, updated_at: now,
      }).execute();
      created.push(`shifts for ${p.email}`);
    }
    if (created.length) await recomputeCapacity(deps, trx, program.id);
    const codes = [
      { code: 'DEMO-VOUCHER', kind: 'voucher' as const, percent_off: null },
      { code: 'DEMO-HALF', kind: 'discount' as const, percent_off: 50 },
    ];
    for (const c of codes) {
      const inserted = await trx.insertInto('vouchers').values({ ...c, amount_off_minor: null, currency: null, exam_id: null, max_uses: 100_000, valid_until: null, created_by: null, created_at: deps.clock.now() })
        .onConflict((oc) => oc.column('code').doNothing()).returning('code').executeTakeFirst();
      if (inserted) created.push(`code ${c.code}`);
    }
  });
  return created;
}
