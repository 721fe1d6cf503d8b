import { ScrollTable } from './Field.tsx';
import { useWorkbench } from './workbench-api.ts';

/**
 * The EIP21S operation log (§2-6-1) as the learner finds it: who connected over Secure Comm,
 * from which address, what they did and when (stamped with the CPU clock). Shown when the unit
 * has logged anything.
 */
export default function EvidencePanel() {
  const { state } = useWorkbench();
  const log = state.startView.unit?.eip?.log ?? [];
  if (log.length === 0) return null;
  return (
    <section className="lab-section" aria-labelledby="lab-evidence">
      <h2 id="lab-evidence">Operation log</h2>
      <p>
        What the EtherNet/IP unit recorded before you arrived (§2-6-1). Times come from the CPU clock, not from the plant’s
        time server.
      </p>
      <ScrollTable label="Operation log">
        <table className="lab-table">
          <caption id="lab-log-caption">Operation log ({log.length} entries, oldest first)</caption>
          <thead>
            <tr>
              <th scope="col">Time (CPU clock)</th>
              <th scope="col">IP address</th>
              <th scope="col">User</th>
              <th scope="col">Operation</th>
              <th scope="col">Result</th>
              <th scope="col">Detail</th>
            </tr>
          </thead>
          <tbody>
            {log.map((e, i) => (
              <tr key={i}>
                <td>{e.at.replace('T', ' ').replace(/Z$/, '')}</td>
                <td>
                  <code>{e.ip}</code>
                </td>
                <td>{e.user ?? '—'}</td>
                <td>{e.operation}</td>
                <td>{e.result}</td>
                <td>{e.detail ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
    </section>
  );
}
