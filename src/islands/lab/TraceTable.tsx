import { ScrollTable } from './Field.tsx';
import type { Outcome } from '../../../machines/model.ts';
import { traceRows } from '../../lib/sim/trace.ts';

/** Every layer's answer to one request, as a compact table (rows from src/lib/sim/trace.ts). */
export default function TraceTable({ outcome, caption }: { outcome: Outcome; caption: string }) {
  return (
    <ScrollTable label={caption}>
      <table className="sim-table lab-trace">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Layer</th>
            <th scope="col">Function</th>
            <th scope="col">Verdict</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {traceRows(outcome).map((row) => (
            <tr key={row.step} data-source={row.source} data-verdict={row.verdict}>
              <td>{row.layerLabel}</td>
              <th scope="row">
                {row.href ? <a href={row.href}>{row.title}</a> : row.title} <span className="muted section-ref">({row.section})</span>
              </th>
              <td className={`sim-verdict verdict-${row.verdict === 'n/a' ? 'na' : row.verdict}`}>{row.verdictLabel}</td>
              <td>
                {row.reason}
                {row.endCode && <span className="sim-endcode"> End code {row.endCode}.</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}
