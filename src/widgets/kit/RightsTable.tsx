import { rightsTable } from './rights.ts';
import ScrollTable, { type ScrollTableColumn } from './ScrollTable.tsx';
import './sim.css';

/**
 * Static (no client directive needed): what each operation authority may do once logged in over
 * Secure Comm, from machines/eip/operation-authority.ts. Columns the guideline does not define are
 * marked as the simulator's assumption.
 */
export default function RightsTable() {
  const { columns, rows } = rightsTable();
  const heads: ScrollTableColumn[] = [
    'Operation',
    ...columns.map((c) => ({
      key: c.role,
      head: (
        <>
          {c.role}
          {c.assumed && (
            <>
              <span aria-hidden="true">*</span>
              <span className="visually-hidden"> (assumption)</span>
            </>
          )}
        </>
      ),
    })),
  ];
  return (
    <ScrollTable
      caption="Operation authority: what each role may do (an asterisk marks a role whose rights are our assumption)"
      className="sim-table sim-rights"
      columns={heads}
    >
      {rows.map((r) => (
        <tr key={r.kind}>
          <th scope="row">{r.label}</th>
          {r.allowed.map((ok, i) => (
            <td key={columns[i]?.role} className={ok ? 'mark-yes' : 'mark-no'}>
              {ok ? 'Yes' : 'No'}
            </td>
          ))}
        </tr>
      ))}
    </ScrollTable>
  );
}
