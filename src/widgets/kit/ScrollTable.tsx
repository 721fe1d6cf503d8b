import { type ReactNode, useId } from 'react';
import './sim.css';

/** A column heading: its text, or (when the heading holds more than text) a key, what to show and a class. */
export type ScrollTableColumn = string | { key: string; head: ReactNode; className?: string };

function columnKey(c: ScrollTableColumn): string {
  return typeof c === 'string' ? c : c.key;
}

/** Props of ScrollTable. */
export interface ScrollTableProps {
  /** The table's caption, also the accessible name of its scrolling region. */
  caption: ReactNode;
  /** Class of the caption, e.g. "visually-hidden" when the page's heading already says it. */
  captionClassName?: string;
  /** The column headings, left to right. */
  columns: readonly ScrollTableColumn[];
  /** Class of the <table>. Default "sim-table". */
  className?: string;
  /** The body rows (<tr> elements). */
  children?: ReactNode;
  /** Plain body rows, one array of cell texts a row, for callers that cannot pass elements (Astro blocks). */
  rows?: readonly (readonly string[])[];
}

/**
 * A table inside a region that scrolls sideways on a narrow screen. The region is named by the
 * caption and can take the keyboard focus, so a keyboard user can scroll it too (axe's
 * scrollable-region-focusable rule). The widgets' wide tables and the MDX layer table use it.
 */
export default function ScrollTable({ caption, captionClassName, columns, className = 'sim-table', children, rows }: ScrollTableProps) {
  const captionId = `${useId()}-caption`;
  return (
    <section className="table-scroll" aria-labelledby={captionId} tabIndex={0}>
      <table className={className}>
        <caption id={captionId} className={captionClassName}>
          {caption}
        </caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" key={columnKey(c)} className={typeof c === 'string' ? undefined : c.className}>
                {typeof c === 'string' ? c : c.head}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows?.map((cells) => (
            <tr key={cells.join('\u0000')}>
              {columns.map((c, i) => (
                <td key={columnKey(c)}>{cells[i]}</td>
              ))}
            </tr>
          ))}
          {children}
        </tbody>
      </table>
    </section>
  );
}
