import { useEffect, useId, useState } from 'react';
import {
  filterSummary,
  filterThreatRows,
  LAYER_FILTER_OPTIONS,
  NO_THREAT_FILTER,
  NOT_STATED_TEXT,
  parseThreatFilter,
  THREAT_COLUMNS,
  THREAT_FILTER_OPTIONS,
  type ThreatFilter,
  type ThreatRow,
  threatRows,
} from './threat-view.ts';
import { withErrorBoundary } from '../kit/error-boundary.tsx';
import SelectField from '../kit/SelectField.tsx';
import ErrorNote from '../kit/ErrorNote.tsx';
import ScrollTable from '../kit/ScrollTable.tsx';

/** Props of the ThreatExplorerWidget island; ThreatExplorerBlock.astro fills them at build time. */
export interface ThreatExplorerWidgetProps {
  /** Guideline section → page of the lesson that teaches it; sections without one show as text. */
  sectionHrefs?: Record<string, string>;
}

/**
 * The threat table of lesson 3: every security function against the six STRIDE threats, with
 * a threat filter (radio group) and a layer filter (select). The server render is the full
 * table, so the page is useful before hydration; the filters are disabled until then.
 */
function ThreatExplorerWidget({ sectionHrefs = {} }: ThreatExplorerWidgetProps) {
  const [filter, setFilter] = useState<ThreatFilter>(NO_THREAT_FILTER);
  const [error, setError] = useState<string | null>(null);
  const [hydrated, setHydrated] = useState(false);
  const uid = useId();
  useEffect(() => setHydrated(true), []);

  const rows = filterThreatRows(threatRows(sectionHrefs), filter);
  const summary = filterSummary(filter, rows.length);

  function apply(raw: { threat: string; layer: string }) {
    const parsed = parseThreatFilter(raw);
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    setError(null);
    setFilter(parsed.filter);
  }

  const layerId = `${uid}-layer`;
  return (
    <div className="widget threat-explorer">
      <form className="widget-controls" aria-label="Filter the threat table" onSubmit={(e) => e.preventDefault()}>
        <fieldset className="widget-radios" disabled={!hydrated}>
          <legend>Which functions counter…</legend>
          {THREAT_FILTER_OPTIONS.map((option) => (
            <label key={option.value}>
              <input
                type="radio"
                name={`${uid}-threat`}
                value={option.value}
                checked={filter.threat === option.value}
                onChange={(e) => apply({ threat: e.currentTarget.value, layer: filter.layer })}
              />{' '}
              {option.label}
            </label>
          ))}
        </fieldset>
        <SelectField id={layerId} value={filter.layer} options={LAYER_FILTER_OPTIONS} disabled={!hydrated} onChange={(value) => apply({ threat: filter.threat, layer: value })}>
          In which layer
        </SelectField>
      </form>
      <ErrorNote text={error} />
      <p className="widget-status" role="status">
        {summary}
      </p>
      <ScrollTable
        caption="Security functions and the STRIDE threats their sections mark (§1-3, §2)"
        className="threat-table"
        columns={[
          'Function',
          'Section',
          'Layer',
          ...THREAT_COLUMNS.map((column) => ({
            key: column.letter,
            className: filter.threat === column.letter ? 'threat-col is-selected' : 'threat-col',
            head: (
              <>
                <span className="threat-letter" aria-hidden="true">
                  {column.letter}
                </span>{' '}
                <span className="threat-name">{column.name}</span>
              </>
            ),
          })),
        ]}
      >
        {rows.map((row) => (
          <ThreatTableRow key={row.id} row={row} selected={filter.threat} />
        ))}
        {rows.length === 0 && (
          <tr>
            <td colSpan={3 + THREAT_COLUMNS.length}>No function matches both filters.</td>
          </tr>
        )}
      </ScrollTable>
    </div>
  );
}

/** One function's row: its name, section, layer and six marks (or one "not stated" cell). */
function ThreatTableRow({ row, selected }: { row: ThreatRow; selected: ThreatFilter['threat'] }) {
  return (
    <tr data-function={row.id}>
      <th scope="row">{row.title}</th>
      <td className="section-ref">{row.sectionHref ? <a href={row.sectionHref}>{row.section}</a> : row.section}</td>
      <td>{row.layerLabel}</td>
      {row.cells === 'not-stated' ? (
        <td colSpan={THREAT_COLUMNS.length} className="mark-not-stated">
          {NOT_STATED_TEXT} (no threat table in {row.section})
        </td>
      ) : (
        row.cells.map((cell) => (
          <td
            key={cell.letter}
            className={`${cell.addressed ? 'mark-yes' : 'mark-no'}${selected === cell.letter ? ' is-selected' : ''}`}
          >
            {cell.addressed && (
              <span className="mark-icon" aria-hidden="true">
                ✓{' '}
              </span>
            )}
            {cell.text}
          </td>
        ))
      )}
    </tr>
  );
}

/** The ThreatExplorerWidget island, inside an error boundary so a fault shows a message and leaves the page working. */
export default withErrorBoundary(ThreatExplorerWidget, 'The threat explorer');
