import { messageOf } from '../lib/api.ts';
import { Alert } from '../ui/Alert.tsx';
import { SelectField } from '../ui/FormField.tsx';
import { Loading } from '../ui/Loading.tsx';
import type { ProgramChoice } from './use-program-choice.ts';

/** The program whose staffing is shown; says so when programs are loading, missing or failed to load. */
export function ProgramPicker({ choice }: { choice: ProgramChoice }) {
  const { programs, list, chosen, choose } = choice;
  if (programs.error) return <Alert tone="error" title="We could not load the programs."><p>{messageOf(programs.error)}</p></Alert>;
  if (!programs.data) return <Loading what="Loading programs" />;
  if (list.length === 0) return <p className="empty-state">No programs yet. Add one under Programs first.</p>;
  return (
    <div className="filters">
      <SelectField
        label="Program"
        name="program"
        options={list.map((p) => ({ id: p.id, label: p.name }))}
        value={chosen?.id ?? null}
        onChange={choose}
        isRequired={false}
      />
    </div>
  );
}
