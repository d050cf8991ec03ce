import { z } from 'zod';
import { ExamPolicy } from '../core/catalog/policy.ts';
import { itemStatuses } from '../core/catalog/item.ts';
import { IsoDateTime, Uuid } from './common.ts';
import { Language } from './accounts.ts';

export const examLevels = ['foundational', 'associate', 'professional', 'specialty'] as const;
export const examStatuses = ['draft', 'published', 'retired'] as const;
export const ExamCode = z.string().trim().toUpperCase().regex(/^[A-Z0-9]{2,8}(-[A-Z0-9]{1,8}){0,2}$/, 'Use letters, digits and dashes, e.g. DOP-P01.');
export const ExamLevel = z.enum(examLevels);
export const ExamStatus = z.enum(examStatuses);
export const Currency = z.string().regex(/^[A-Z]{3}$/, 'A three-letter ISO 4217 code, e.g. USD.');
export const CodeParams = z.strictObject({ code: ExamCode });
export const FormParams = z.strictObject({ code: ExamCode, formId: Uuid });

export const Program = z.object({
  id: Uuid,
  name: z.string(),
  contactEmail: z.string().nullable(),
  website: z.string().nullable(),
  issuerName: z.string().meta({ description: 'Issuer name on badges and certificates.' }),
  issuerUrl: z.string().nullable(),
}).meta({ id: 'Program' });
export const ProgramList = z.object({ programs: z.array(Program) });
export const ProgramResponse = z.object({ program: Program });
export const ProgramBody = z.strictObject({
  name: z.string().trim().min(2).max(120),
  contactEmail: z.email().max(254).nullable().optional(),
  website: z.url({ protocol: /^https?$/ }).max(500).nullable().optional(),
  issuerName: z.string().trim().min(2).max(120).optional(),
  issuerUrl: z.url({ protocol: /^https?$/ }).max(500).nullable().optional(),
});

export const Domain = z.object({
  code: z.string().trim().regex(/^[A-Za-z0-9_-]{1,16}$/, 'Letters, digits, dash or underscore, up to 16.'),
  name: z.string().trim().min(1).max(200),
  weight: z.number().int().min(1).max(100).meta({ description: 'Percentage of scored items from this domain.' }),
});
export const Blueprint = z.strictObject({
  domains: z.array(Domain).min(1).max(20)
    .refine((d) => new Set(d.map((x) => x.code)).size === d.length, 'Domain codes must be unique.')
    .refine((d) => d.reduce((s, x) => s + x.weight, 0) === 100, 'Domain weights must add up to 100.'),
});

const examFields = {
  title: z.string().trim().min(3).max(200),
  level: ExamLevel,
  description: z.string().trim().max(5000),
  languages: z.array(Language).min(1).refine((l) => new Set(l).size === l.length, 'Languages must not repeat.'),
  durationMinutes: z.number().int().min(5).max(600),
  scoredItemCount: z.number().int().min(1).max(500),
  unscoredItemCount: z.number().int().min(0).max(100),
  scaleMin: z.number().int().min(0).max(10_000),
  scaleMax: z.number().int().min(1).max(10_000),
  passingScore: z.number().int().min(0).max(10_000),
  priceMinor: z.number().int().min(0).max(100_000_000).meta({ description: 'Price in minor units (cents).' }),
  currency: Currency,
  practice: z.boolean().meta({ description: 'An unproctored practice exam.' }),
  formMode: z.enum(['random', 'fixed']).meta({ description: 'One random form per candidate from the blueprint, or fixed forms chosen by an admin.' }),
};

const scaleRule = <T extends { scaleMin?: number; scaleMax?: number; passingScore?: number }>(e: T) =>
  e.scaleMin === undefined || e.scaleMax === undefined || e.passingScore === undefined || (e.scaleMin < e.scaleMax && e.passingScore >= e.scaleMin && e.passingScore <= e.scaleMax);

export const CreateExamBody = z.strictObject({ code: ExamCode, programId: Uuid.optional().meta({ description: 'Defaults to the only program when there is one.' }), ...examFields })
  .refine(scaleRule, { message: 'The passing score must lie within the scale, and the scale minimum below its maximum.', path: ['passingScore'] });
export const UpdateExamBody = z.strictObject({ ...Object.fromEntries(Object.entries(examFields).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof examFields]: z.ZodOptional<(typeof examFields)[K]> }, status: ExamStatus.optional() });

export const Exam = z.object({
  id: Uuid,
  code: z.string(),
  programId: Uuid,
  programName: z.string(),
  ...examFields,
  status: ExamStatus,
  policyVersion: z.number().int(),
  domains: z.array(Domain),
  activeItemCount: z.number().int().meta({ description: 'Active items in the bank (scored and pretest).' }),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
}).meta({ id: 'Exam' });
export type Exam = z.infer<typeof Exam>;

export const ExamResponse = z.object({ exam: Exam });
export const ExamList = z.object({ exams: z.array(Exam) });
export const ExamSummary = Exam.pick({ code: true, title: true, level: true, languages: true, durationMinutes: true, scoredItemCount: true, unscoredItemCount: true, passingScore: true, scaleMin: true, scaleMax: true, priceMinor: true, currency: true, practice: true, programName: true, description: true }).meta({ id: 'ExamSummary' });
export const CatalogQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  level: ExamLevel.optional(),
  language: Language.optional(),
});
export const CatalogList = z.object({ exams: z.array(ExamSummary) });
export const RuleSection = z.object({ heading: z.string(), rules: z.array(z.string()) });
export const CatalogExam = z.object({
  exam: ExamSummary,
  domains: z.array(Domain.pick({ name: true, weight: true })),
  rules: z.array(RuleSection),
  policy: ExamPolicy,
  questionCount: z.number().int().meta({ description: 'Items delivered (scored plus unscored).' }),
});

export const PolicyResponse = z.object({ version: z.number().int(), policy: ExamPolicy, rules: z.array(RuleSection), updatedAt: IsoDateTime.nullable() });
export const PolicyBody = z.strictObject({ policy: ExamPolicy, expectedVersion: z.number().int().min(0).meta({ description: 'The version being edited; a concurrent change answers 409.' }) });

// Items
const Html = z.string().max(20_000);
export const ChoiceOption = z.strictObject({ id: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,31}$/), html: Html, fixed: z.boolean().optional() });
export const ItemScoring = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('match_correct') }),
  z.strictObject({ method: z.literal('map_response'), map: z.record(z.string(), z.number()), defaultValue: z.number(), lowerBound: z.number().optional(), upperBound: z.number().optional() }),
]);
export const ItemContent = z.strictObject({
  interaction: z.enum(['single', 'multiple']),
  stem: Html,
  options: z.array(ChoiceOption).min(2).max(10),
  correct: z.array(z.string()).min(1).max(10),
  maxChoices: z.number().int().min(1).max(9),
  shuffle: z.boolean(),
  scoring: ItemScoring,
  rationale: Html.optional(),
});
export const ItemStatus = z.enum(itemStatuses as ['draft', 'active', 'retired']);
export const ItemBody = z.strictObject({
  identifier: z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/, 'Letters, digits, dot, dash, underscore; starts with a letter.').optional().meta({ description: 'Stable identifier; generated when omitted.' }),
  title: z.string().trim().min(1).max(200),
  domain: z.string().max(16),
  status: ItemStatus,
  scored: z.boolean(),
  content: ItemContent,
});
export const Item = z.object({
  id: Uuid,
  examCode: z.string(),
  identifier: z.string(),
  version: z.number().int(),
  title: z.string(),
  domain: z.string(),
  status: ItemStatus,
  scored: z.boolean(),
  content: ItemContent,
  delivered: z.boolean().meta({ description: 'Delivered to a candidate at least once: edits then make a new version.' }),
  authorEmail: z.string().nullable(),
  updatedAt: IsoDateTime,
}).meta({ id: 'Item' });
export type Item = z.infer<typeof Item>;
export const ItemResponse = z.object({ item: Item });
export const ItemQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  domain: z.string().max(16).optional(),
  status: ItemStatus.optional(),
  scored: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export const ItemPage = z.object({ items: z.array(Item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export const ItemIdParams = z.strictObject({ id: Uuid });
export const ItemHistory = z.object({ versions: z.array(z.object({ version: z.number().int(), title: z.string(), status: ItemStatus, content: ItemContent, authorEmail: z.string().nullable(), createdAt: IsoDateTime })) });

export const BlueprintStatus = z.object({
  scoredItemCount: z.number().int(),
  unscoredItemCount: z.number().int(),
  domains: z.array(z.object({ code: z.string(), name: z.string(), weight: z.number().int(), needed: z.number().int(), available: z.number().int(), shortfall: z.number().int() })),
  unscoredAvailable: z.number().int(),
  unscoredShortfall: z.number().int(),
  ready: z.boolean(),
});

export const FormPreviewBody = z.strictObject({ seed: z.string().min(1).max(100) });
export const AssembledForm = z.object({
  seed: z.string(),
  items: z.array(z.object({ identifier: z.string(), domain: z.string(), scored: z.boolean(), optionOrder: z.array(z.string()) })),
});
export const FixedForm = z.object({
  id: Uuid, name: z.string(), itemIdentifiers: z.array(z.string()),
  equating: z.array(z.number().int()).nullable().meta({ description: "The program's equating table: the scaled score of each raw score (index), or null for the exam's conversion." }),
  createdAt: IsoDateTime,
}).meta({ id: 'FixedForm' });
export const EquatingBody = z.strictObject({ table: z.array(z.number()).min(2).max(2001).nullable().meta({ description: 'The scaled score of each raw score from 0 to the form\'s maximum; null removes it.' }) });
export const FixedFormBody = z.strictObject({ name: z.string().trim().min(1).max(100), itemIdentifiers: z.array(z.string()).min(1).max(600) });
export const FixedFormResponse = z.object({ form: FixedForm });
export const FixedFormList = z.object({ forms: z.array(FixedForm) });

export const QtiImportReport = z.object({
  imported: z.number().int().meta({ description: 'Items created or updated.' }),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  skipped: z.array(z.object({ identifier: z.string(), file: z.string(), problem: z.string() })),
  ms: z.number().int(),
});
