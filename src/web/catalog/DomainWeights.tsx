import { DataTable } from '../ui/DataTable.tsx';

/** The exam's domains with their share of the scored questions, as a table with a bar for the eye
 * (the percentage is always written out, so the bar adds nothing a screen reader misses). */
export function DomainWeights({ domains }: { domains: readonly { name: string; weight: number }[] }) {
  return (
    <DataTable caption="Domains and their share of the scored questions">
      <thead>
        <tr>
          <th scope="col">Domain</th>
          <th scope="col">Share</th>
        </tr>
      </thead>
      <tbody>
        {domains.map((domain) => (
          <tr key={domain.name}>
            <td>{domain.name}</td>
            <td>
              <div className="weight-cell">
                <span className="weight-value">{domain.weight}%</span>
                <span className="weight-bar" aria-hidden="true">
                  <span className="weight-fill" style={{ width: `${Math.min(100, Math.max(0, domain.weight))}%` }} />
                </span>
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
