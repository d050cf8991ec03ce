import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../ui/Guards.tsx';
import { ExamsPage } from './ExamsPage.tsx';
import { NewExamPage } from './NewExamPage.tsx';
import { ExamLayout } from './ExamLayout.tsx';
import { ExamDetailsPage } from './ExamDetailsPage.tsx';
import { PolicyPage } from './PolicyPage.tsx';
import { BlueprintPage } from './BlueprintPage.tsx';
import { FixedFormsPage } from './FixedFormsPage.tsx';
import { ItemsPage } from './ItemsPage.tsx';
import { ItemEditorPage } from './ItemEditorPage.tsx';
import { ImportExportPage } from './ImportExportPage.tsx';

/** Exam authoring under `/admin/exams`: the list, a new exam, and each exam's details, policy, blueprint, fixed
 * forms, items and QTI import/export. */
export function ExamAdminRoutes() {
  return (
    <Routes>
      <Route index element={<ExamsPage />} />
      {/* Case-sensitive, so an exam with the code NEW stays reachable at /admin/exams/NEW. */}
      <Route path="new" caseSensitive element={<NewExamPage />} />
      <Route path=":code" element={<ExamLayout />}>
        <Route index element={<ExamDetailsPage />} />
        <Route path="policy" element={<PolicyPage />} />
        <Route path="blueprint" element={<BlueprintPage />} />
        <Route path="forms" element={<FixedFormsPage />} />
        <Route path="items" element={<ItemsPage />} />
        <Route path="items/new" element={<ItemEditorPage />} />
        <Route path="items/:itemId" element={<ItemEditorPage />} />
        <Route path="transfer" element={<ImportExportPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
