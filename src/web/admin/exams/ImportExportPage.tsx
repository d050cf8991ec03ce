import { useId, useRef, useState } from 'react';
import { Button, Form } from 'react-aria-components';
import type { z } from 'zod';
import { QtiImportReport } from '../../../contracts/catalog.ts';
import { apiUrl } from '../../lib/api.ts';
import { useSubmit } from '../../lib/use-submit.ts';
import { Alert } from '../../ui/Alert.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { examPath, useExam } from './exam-context.ts';
import { uploadFile } from './upload.ts';

const maxBytes = 64 * 1024 * 1024;

/** `/admin/exams/:code/transfer`: import items from a QTI 3.0 package (zip) and export the bank as one. */
export function ImportExportPage() {
  const { exam, reload } = useExam();
  const inputId = useId();
  const helpId = useId();
  const errorId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const submit = useSubmit();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState('');
  const [report, setReport] = useState<{ name: string; report: z.infer<typeof QtiImportReport> } | null>(null);

  async function onSubmit() {
    setReport(null);
    const problem = !file ? 'Choose a .zip file first.' : file.size > maxBytes ? 'The file is larger than 64 MB.' : '';
    setFileError(problem);
    if (problem || !file) {
      inputRef.current?.focus();
      return;
    }
    const result = await submit.run(() => uploadFile(`${examPath(exam.code)}/qti-import`, file, 'application/zip', QtiImportReport));
    if (!result.ok) return;
    setReport({ name: file.name, report: result.value });
    reload();
  }

  return (
    <>
      <section className="card" aria-labelledby="import-heading">
        <h2 id="import-heading">Import a QTI 3.0 package</h2>
        <p>
          Items are matched by identifier: new ones are created, changed ones updated (a new version when the old one was
          delivered), and identical ones left alone. A package with a problem is refused as a whole; single items the
          importer cannot read are skipped and listed.
        </p>
        <FormError error={submit.error} title="Nothing was imported." />
        <Form className="form" onSubmit={(event) => { event.preventDefault(); void onSubmit(); }}>
          <div className="field">
            <label htmlFor={inputId} className="field-label">Package file (.zip)</label>
            <span id={helpId} className="field-description">A QTI 3.0 content package with an imsmanifest.xml, up to 64 MB.</span>
            <input
              ref={inputRef}
              id={inputId}
              type="file"
              name="package"
              accept=".zip,application/zip"
              className="field-input file-input"
              aria-describedby={fileError ? `${helpId} ${errorId}` : helpId}
              aria-invalid={fileError ? true : undefined}
              onChange={(event) => {
                setFile(event.currentTarget.files?.[0] ?? null);
                setFileError('');
              }}
            />
            {fileError ? <span id={errorId} className="field-error">{fileError}</span> : null}
          </div>
          <Button type="submit" className="button button-primary" data-pending={submit.pending || undefined}>
            {submit.pending ? 'Importing' : 'Import package'}
          </Button>
        </Form>
        {report ? <ImportReport name={report.name} report={report.report} /> : null}
      </section>
      <section className="card" aria-labelledby="export-heading">
        <h2 id="export-heading">Export the item bank</h2>
        <p>Every item of {exam.code} in its current version, as a QTI 3.0 package other systems (and Invigil) can import.</p>
        <p>
          <a className="button" href={apiUrl(`${examPath(exam.code)}/qti-export`)} download>
            Download {exam.code} as a QTI package (.zip)
          </a>
        </p>
      </section>
    </>
  );
}

function ImportReport({ name, report }: { name: string; report: z.infer<typeof QtiImportReport> }) {
  return (
    <div className="import-report">
      <Alert tone={report.skipped.length > 0 ? 'warning' : 'success'} title={`Imported ${name} in ${(report.ms / 1000).toFixed(1)} s.`}>
        <p>
          {report.created} created, {report.updated} updated, {report.unchanged} unchanged, {report.skipped.length} skipped.
        </p>
      </Alert>
      {report.skipped.length > 0 ? (
        <DataTable caption="Skipped items and why">
          <thead>
            <tr>
              <th scope="col">Identifier</th>
              <th scope="col">File</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {report.skipped.map((s, i) => (
              <tr key={`${s.file}-${i}`}>
                <td className="mono">{s.identifier || '–'}</td>
                <td className="mono">{s.file}</td>
                <td>{s.problem}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : null}
    </div>
  );
}
