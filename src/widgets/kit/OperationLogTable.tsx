import type { OperationLogEntry } from '../../../machines/eip/eip21s.machine.ts';
import { OPERATION_LABELS } from '../../../machines/eip/operation-authority.ts';
import { clockText } from './sim-clock.ts';
import ScrollTable from './ScrollTable.tsx';
import './sim.css';

/** Props of OperationLogTable. */
export interface OperationLogTableProps {
  /** The unit's log entries, oldest first. */
  log: readonly OperationLogEntry[];
  /** The table's caption, also the name of its scrolling region. */
  caption: string;
  /** Class of the <table>. Default "sim-table sim-log". */
  className?: string;
  /** Shown as the only row while the log is empty. */
  emptyText?: string;
}

/**
 * The EIP21S operation log (§2-6-1) as a table: CPU clock time, the PC's IP address, the user,
 * the operation in plain words, the result and any detail. Used by the lesson 16 widget and by
 * the lab workbench's evidence panel.
 */
export default function OperationLogTable({ log, caption, className = 'sim-table sim-log', emptyText = 'No entries yet.' }: OperationLogTableProps) {
  return (
    <ScrollTable caption={caption} className={className} columns={['Time (CPU clock)', 'IP address', 'User', 'Operation', 'Result', 'Detail']}>
      {log.length === 0 && (
        <tr>
          <td colSpan={6}>{emptyText}</td>
        </tr>
      )}
      {log.map((entry, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: log entries are append-only, so the index is a stable key
        <tr key={i}>
          <td>{clockText(entry.at)}</td>
          <td>{entry.ip}</td>
          <td>{entry.user ?? '—'}</td>
          <td>{entry.operation === 'authentication' ? 'log in' : OPERATION_LABELS[entry.operation]}</td>
          <td>{entry.result}</td>
          <td>{entry.detail ?? ''}</td>
        </tr>
      ))}
    </ScrollTable>
  );
}
