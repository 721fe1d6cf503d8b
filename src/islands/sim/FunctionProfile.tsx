import { Fragment } from 'react';
import type { FunctionId } from '../../../machines/model.ts';
import { functionProfile } from '../../lib/sim/profile.ts';
import { titleInSentence } from '../../lib/sim/trace.ts';
import './sim.css';

/** Props of FunctionProfile. */
export interface FunctionProfileProps {
  /** The function (machines/model.ts FUNCTION_IDS). */
  id: FunctionId;
}

/**
 * Static (no client directive needed): the function's layer, purpose and STRIDE marks, and its
 * rows of the §1-5 availability tables, all from machines/threats.ts and machines/catalog.ts.
 */
export default function FunctionProfile({ id }: FunctionProfileProps) {
  const p = functionProfile(id);
  const name = titleInSentence(p.title);
  return (
    <div className="sim-profile">
      <dl className="sim-facts">
        <dt>Layer</dt>
        <dd>{p.layerLabel} (§1-3)</dd>
        <dt>Purpose</dt>
        <dd>{p.purpose}</dd>
        <dt>Guideline section</dt>
        <dd>{p.section}</dd>
      </dl>
      {p.stride ? (
        <div className="table-scroll">
          <table className="sim-table sim-stride" data-function={id}>
            <caption>Threats {name} addresses ({p.section} threat table)</caption>
            <thead>
              <tr>
                {p.stride.map((c) => (
                  <th scope="col" key={c.letter}>
                    <a href={c.href}>{c.name}</a>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                {p.stride.map((c) => (
                  <td key={c.letter} className={c.marked ? 'mark-yes' : 'mark-no'}>
                    {c.marked ? (
                      'Yes'
                    ) : (
                      <>
                        <span aria-hidden="true">—</span>
                        <span className="visually-hidden">not marked</span>
                      </>
                    )}
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
        </div>
      ) : (
        <p>{p.section} has no "Threats That Can Be Addressed" table, so the course marks no threats for it.</p>
      )}
      {p.tables.map((t) => (
        <Fragment key={t.section}>
          <div className="table-scroll">
            <table className="sim-table sim-availability" data-table={t.section}>
              <caption>
                {t.title}: where {name} is available ({t.section})
              </caption>
              <thead>
                <tr>
                  {t.cells.map((c) => (
                    <th scope="col" key={c.heading}>
                      {c.heading}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                <tr>
                  {t.cells.map((c) => (
                    <td key={c.heading} className={`avail-${c.availability}`}>
                      {c.availability === 'none' ? (
                        <>
                          <span aria-hidden="true">---</span>
                          <span className="visually-hidden">Not available</span>
                        </>
                      ) : (
                        c.text
                      )}
                    </td>
                  ))}
                </tr>
              </tbody>
            </table>
          </div>
        </Fragment>
      ))}
    </div>
  );
}
