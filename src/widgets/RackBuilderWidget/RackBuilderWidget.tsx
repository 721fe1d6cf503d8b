import { useEffect, useId, useState } from 'react';
import ScrollTable from '../kit/ScrollTable.tsx';
import {
  CPU_OPTIONS,
  DEFAULT_RACK,
  NO_UNIT,
  parseRackSelection,
  type RackSelection,
  ROUTE_OPTIONS,
  rackSummary,
  rackView,
  unitOptions,
} from './rack-view.ts';
import { withErrorBoundary } from '../kit/error-boundary.tsx';
import SelectField from '../kit/SelectField.tsx';
import ErrorNote from '../kit/ErrorNote.tsx';

/** The three menus' values as the DOM gives them. */
type MenuValues = { cpu: string; unit: string; route: string };

/** Props of the RackBuilderWidget island. */
export interface RackBuilderWidgetProps {
  /** The rack shown first; the builder's default when omitted. */
  initial?: RackSelection;
}

/**
 * The rack builder of lesson 4: pick a CPU model, a communication unit and how the Support
 * Software connects, and see which of the twelve functions the rack has, whether Secure Comm is
 * possible, and what to add or replace. All answers come from rackView() (machines/catalog/catalog.ts).
 */
function RackBuilderWidget({ initial = DEFAULT_RACK }: RackBuilderWidgetProps) {
  const [selection, setSelection] = useState<RackSelection>(initial);
  const [error, setError] = useState<string | null>(null);
  const [hydrated, setHydrated] = useState(false);
  const uid = useId();
  useEffect(() => setHydrated(true), []);

  const view = rackView(selection);
  const raw: MenuValues = { cpu: selection.cpu, unit: selection.unit ?? NO_UNIT, route: selection.route };

  function apply(change: Partial<MenuValues>) {
    const parsed = parseRackSelection({ ...raw, ...change });
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    setError(null);
    setSelection(parsed.selection);
  }

  const ids = { cpu: `${uid}-cpu`, unit: `${uid}-unit`, route: `${uid}-route` };
  const rack = view.unitLabel === null ? `${view.cpuLabel} alone` : `${view.cpuLabel} with ${view.unitLabel}`;
  return (
    <div className="widget rack-builder">
      <form className="widget-controls" aria-label="Build a rack" onSubmit={(e) => e.preventDefault()}>
        <SelectField id={ids.cpu} value={raw.cpu} options={CPU_OPTIONS} disabled={!hydrated} onChange={(value) => apply({ cpu: value })}>
          CPU Unit
        </SelectField>
        <SelectField id={ids.unit} value={raw.unit} options={unitOptions(selection.cpu)} disabled={!hydrated} onChange={(value) => apply({ unit: value })}>
          Communication unit
        </SelectField>
        <SelectField id={ids.route} value={raw.route} options={ROUTE_OPTIONS} disabled={!hydrated} onChange={(value) => apply({ route: value })}>
          Support Software connects through
        </SelectField>
      </form>
      <ErrorNote text={error} />
      <p className="widget-status" role="status">
        {rackSummary(view)}
      </p>
      {!view.combination.ok && (
        <p className="widget-problem">
          <strong>This rack cannot be built (§1-4).</strong> {view.combination.reason} The table below counts only what
          the CPU Unit gives by itself.
        </p>
      )}
      <ScrollTable caption={<>Security functions of a {rack}</>} className="rack-table" columns={['Function', 'On this rack', 'Why']}>
        {view.rows.map((row) => (
          <tr key={row.id} data-function={row.id} data-kind={row.kind}>
            <th scope="row">
              {row.title} <span className="muted section-ref">({row.section})</span>
            </th>
            <td className={`offer offer-${row.kind}`}>{row.kindLabel}</td>
            <td>
              {row.reason} <span className="muted section-ref">({row.reasonSection})</span>
            </td>
          </tr>
        ))}
      </ScrollTable>
      <section className="rack-secure-comm" aria-labelledby={`${uid}-sc`}>
        <h3 id={`${uid}-sc`}>Secure Comm on this rack ({view.secureComm.section})</h3>
        <p>
          <strong>{view.secureComm.possible ? 'Possible.' : 'Not possible.'}</strong> {view.secureComm.reason}
        </p>
      </section>
      <section className="rack-advice" aria-labelledby={`${uid}-advice`}>
        <h3 id={`${uid}-advice`}>What to change</h3>
        <p>{view.advice.summary}</p>
        <ol>
          {view.advice.steps.map((step) => (
            <li key={`${step.kind}-${step.unit ?? ''}`}>
              {step.text} <span className="muted">({step.section})</span>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

/** The RackBuilderWidget island, inside an error boundary so a fault shows a message and leaves the page working. */
export default withErrorBoundary(RackBuilderWidget, 'The rack builder');
