import OperationLogTable from '../widgets/kit/OperationLogTable.tsx';
import { useWorkbench } from './workbench-api.ts';

/**
 * The EIP21S operation log (§2-6-1) as the learner finds it: who connected over Secure Comm,
 * from which address, what they did and when (stamped with the CPU clock). Shown when the unit
 * has logged anything.
 */
export default function EvidencePanel() {
  const { state, idFor } = useWorkbench();
  const log = state.startView.unit?.eip?.log ?? [];
  if (log.length === 0) return null;
  return (
    <section className="lab-section" aria-labelledby={idFor('lab-evidence')}>
      <h2 id={idFor('lab-evidence')}>Operation log</h2>
      <p>
        What the EtherNet/IP unit recorded before you arrived (§2-6-1). Times come from the CPU clock, not from the plant’s
        time server.
      </p>
      <OperationLogTable log={log} caption={`Operation log (${log.length} entries, oldest first)`} className="lab-table" />
    </section>
  );
}
