
import {
  AssembledForm, Blueprint, BlueprintStatus, CatalogExam, CatalogList, CatalogQuery, CodeParams, CreateExamBody, EquatingBody, ExamList, ExamResponse, FixedFormBody,
  FixedFormList, FixedFormResponse, FormParams, FormPreviewBody, ItemBody, ItemHistory, ItemIdParams, ItemPage, ItemQuery, ItemResponse, PolicyBody, PolicyResponse,
  ProgramBody, ProgramList, ProgramResponse, QtiImportReport, UpdateExamBody,
} from '../../contracts/catalog.ts';
import { IdParams } from '../../contracts/admin.ts';
import type { Deps } from '../platform/deps.ts';
import { route } from '../platform/http/route.ts';
import { createExam, getExam, listExams, updateExam } from './exams.ts';
import { createFixedForm, listFixedForms, previewForm, setFormEquating } from './forms.ts';
import { getItem, itemHistory, listItems } from './list-items.ts';
import { createProgram, listPrograms, updateProgram } from './programs.ts';
import { getCatalogExam, listCatalog } from './public-catalog.ts';
import { exportQtiPackage, importQtiPackage } from './qti-transfer.ts';
import { getBlueprintStatus, saveBlueprint } from './save-blueprint.ts';
import { createItem, updateItem } from './save-item.ts';
import { getPolicy, savePolicy } from './save-policy.ts';

const admin = ['admin'] as const;
const tags = ['Exam authoring'];

/** The public catalog: published exams and their pages, browsable before signing up. */
export function catalogPublicRoutes(deps: Deps) {
  return [
    route({
      method: 'GET', url: '/api/v1/exams', summary: 'Published exams (search, filter by level and language)', tags: ['Catalog'], access: 'public',
      query: CatalogQuery, response: { status: 200, schema: CatalogList },
      handler: async ({ query }) => ({ exams: await listCatalog(deps, query) }),
    }),
    route({
      method: 'GET', url: '/api/v1/exams/:code', summary: 'A published exam: facts, domains, rules from its policy (never item content)', tags: ['Catalog'], access: 'public',
      params: CodeParams, response: { status: 200, schema: CatalogExam },
      handler: async ({ params }) => getCatalogExam(deps, params.code),
    }),
  ];
}

/** Admin routes for programs, exams, policies, blueprints, items, forms and QTI packages. */
export function catalogAdminRoutes(deps: Deps) {
  return [
    route({ method: 'GET', url: '/api/v1/admin/programs', summary: 'List programs', tags, access: admin, response: { status: 200, schema: ProgramList },
      handler: async ({ principal }) => ({ programs: await listPrograms(deps, principal) }) }),
    route({ method: 'POST', url: '/api/v1/admin/programs', summary: 'Create a program', tags, access: admin, body: ProgramBody, response: { status: 201, schema: ProgramResponse },
      handler: async ({ principal, body }) => ({ program: await createProgram(deps, principal, body) }) }),
    route({ method: 'PATCH', url: '/api/v1/admin/programs/:id', summary: 'Update a program', tags, access: admin, params: IdParams, body: ProgramBody.partial(), response: { status: 200, schema: ProgramResponse },
      handler: async ({ principal, params, body }) => ({ program: await updateProgram(deps, principal, params.id, body) }) }),

    route({ method: 'GET', url: '/api/v1/admin/exams', summary: 'List exams', tags, access: admin, response: { status: 200, schema: ExamList },
      handler: async ({ principal }) => ({ exams: await listExams(deps, principal) }) }),
    route({ method: 'POST', url: '/api/v1/admin/exams', summary: 'Create a draft exam', tags, access: admin, body: CreateExamBody, response: { status: 201, schema: ExamResponse },
      handler: async ({ principal, body }) => ({ exam: await createExam(deps, principal, body) }) }),
    route({ method: 'GET', url: '/api/v1/admin/exams/:code', summary: 'An exam', tags, access: admin, params: CodeParams, response: { status: 200, schema: ExamResponse },
      handler: async ({ principal, params }) => ({ exam: await getExam(deps, principal, params.code) }) }),
    route({ method: 'PATCH', url: '/api/v1/admin/exams/:code', summary: 'Update an exam or change its status (publishing needs a met blueprint)', tags, access: admin, params: CodeParams, body: UpdateExamBody, response: { status: 200, schema: ExamResponse },
      handler: async ({ principal, params, body }) => ({ exam: await updateExam(deps, principal, params.code, body) }) }),

    route({ method: 'GET', url: '/api/v1/admin/exams/:code/policy', summary: "The exam's current policy", tags, access: admin, params: CodeParams, response: { status: 200, schema: PolicyResponse },
      handler: async ({ principal, params }) => getPolicy(deps, principal, params.code) }),
    route({ method: 'PUT', url: '/api/v1/admin/exams/:code/policy', summary: 'Save a new policy version (409 if someone saved since expectedVersion)', tags, access: admin, params: CodeParams, body: PolicyBody, response: { status: 200, schema: PolicyResponse },
      handler: async ({ principal, params, body }) => savePolicy(deps, principal, params.code, body) }),

    route({ method: 'PUT', url: '/api/v1/admin/exams/:code/blueprint', summary: "Replace the exam's blueprint", tags, access: admin, params: CodeParams, body: Blueprint, response: { status: 200, schema: ExamResponse },
      handler: async ({ principal, params, body }) => ({ exam: await saveBlueprint(deps, principal, params.code, body) }) }),
    route({ method: 'GET', url: '/api/v1/admin/exams/:code/blueprint-status', summary: 'How far the active bank meets the blueprint', tags, access: admin, params: CodeParams, response: { status: 200, schema: BlueprintStatus },
      handler: async ({ principal, params }) => getBlueprintStatus(deps, principal, params.code) }),

    route({ method: 'GET', url: '/api/v1/admin/exams/:code/items', summary: "A page of the exam's items", tags, access: admin, params: CodeParams, query: ItemQuery, response: { status: 200, schema: ItemPage },
      handler: async ({ principal, params, query }) => listItems(deps, principal, params.code, query) }),
    route({ method: 'POST', url: '/api/v1/admin/exams/:code/items', summary: 'Add an item', tags, access: admin, params: CodeParams, body: ItemBody, response: { status: 201, schema: ItemResponse },
      handler: async ({ principal, params, body }) => ({ item: await createItem(deps, principal, params.code, body) }) }),
    route({ method: 'GET', url: '/api/v1/admin/items/:id', summary: 'An item', tags, access: admin, params: ItemIdParams, response: { status: 200, schema: ItemResponse },
      handler: async ({ principal, params }) => ({ item: await getItem(deps, principal, params.id) }) }),
    route({ method: 'PUT', url: '/api/v1/admin/items/:id', summary: 'Change an item (a new version once it was delivered)', tags, access: admin, params: ItemIdParams, body: ItemBody, response: { status: 200, schema: ItemResponse },
      handler: async ({ principal, params, body }) => ({ item: await updateItem(deps, principal, params.id, body) }) }),
    route({ method: 'GET', url: '/api/v1/admin/items/:id/history', summary: "An item's versions", tags, access: admin, params: ItemIdParams, response: { status: 200, schema: ItemHistory },
      handler: async ({ principal, params }) => ({ versions: await itemHistory(deps, principal, params.id) }) }),

    route({ method: 'POST', url: '/api/v1/admin/exams/:code/form-preview', summary: 'Assemble the form a given seed would get', tags, access: admin, params: CodeParams, body: FormPreviewBody, response: { status: 200, schema: AssembledForm },
      handler: async ({ principal, params, body }) => previewForm(deps, principal, params.code, body.seed) }),
    route({ method: 'GET', url: '/api/v1/admin/exams/:code/forms', summary: 'Fixed forms', tags, access: admin, params: CodeParams, response: { status: 200, schema: FixedFormList },
      handler: async ({ principal, params }) => ({ forms: await listFixedForms(deps, principal, params.code) }) }),
    route({ method: 'PUT', url: '/api/v1/admin/exams/:code/forms/:formId/equating', summary: "Set or remove a fixed form's equating table (raw → scaled; attempts keep the table they started with)", tags, access: admin,
      params: FormParams, body: EquatingBody, response: { status: 200, schema: FixedFormResponse },
      handler: async ({ principal, params, body }) => ({ form: await setFormEquating(deps, principal, params.code, params.formId, body.table) }) }),
    route({ method: 'POST', url: '/api/v1/admin/exams/:code/forms', summary: 'Create a fixed form', tags, access: admin, params: CodeParams, body: FixedFormBody, response: { status: 201, schema: FixedFormResponse },
      handler: async ({ principal, params, body }) => ({ form: await createFixedForm(deps, principal, params.code, body) }) }),

    route({
      method: 'POST', url: '/api/v1/admin/exams/:code/qti-import', summary: 'Import a QTI 3.0 content package (all or nothing)', tags, access: admin, params: CodeParams,
      rawBody: { contentType: 'application/zip', maxBytes: 64 * 1024 * 1024, description: 'An IMS content package (zip) with QTI 3.0 items.' },
      response: { status: 200, schema: QtiImportReport },
      handler: async ({ principal, params, body }) => importQtiPackage(deps, principal, params.code, body as unknown as Buffer),
    }),
    route({
      method: 'GET', url: '/api/v1/admin/exams/:code/qti-export', summary: "Export the exam's bank as a QTI 3.0 content package", tags, access: admin, params: CodeParams,
      response: { status: 200, binary: 'application/zip', description: 'The package (zip)' },
      handler: async ({ principal, params, reply }) => {
        const { filename, zip } = await exportQtiPackage(deps, principal, params.code);
        reply.header('content-disposition', `attachment; filename="${filename}"`);
        return zip;
      },
    }),
  ];
}

