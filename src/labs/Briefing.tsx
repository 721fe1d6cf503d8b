import { counted } from '../../machines/model.ts';
import type { ReactNode } from 'react';
import type { Lab } from '../../machines/grading/lab.ts';
import { splitPlaceholders, substitute, type VariableValues } from '../../machines/grading/variants.ts';
import { type Block, briefingBlocks, type Inline } from './briefing.ts';
import ScrollTable from '../widgets/kit/ScrollTable.tsx';
import { useWorkbench } from './workbench-api.ts';

/** How a text of the lab is shown: as it is, or with its placeholders marked (see BriefingView). */
export type TextView = (text: string) => ReactNode;

const plain: TextView = (text) => text;

/**
 * Shows a template's texts with each placeholder as a marked span holding its value in `values`
 * (the default variant): the static lab page is the same for every learner, and the island puts
 * the learner's own values into the marked spans once it knows their variant (fillPlaceholders).
 */
export function markedPlaceholders(values: VariableValues): TextView {
  return (text) =>
    splitPlaceholders(text).map((part, i) =>
      typeof part === 'string' ? (
        part
      ) : (
        // biome-ignore lint/suspicious/noArrayIndexKey: a text's parts never reorder
        <span key={i} data-lab-var={part.placeholder}>
          {String(substitute(part.placeholder, values))}
        </span>
      ),
    );
}

/** Puts a variant's values into the spans markedPlaceholders made under `root`. */
export function fillPlaceholders(root: ParentNode, values: VariableValues): void {
  for (const span of root.querySelectorAll<HTMLElement>('[data-lab-var]')) {
    const value = String(substitute(span.dataset.labVar ?? '', values));
    if (span.textContent !== value) span.textContent = value;
  }
}

function Text({ part, view }: { part: Inline; view: TextView }): ReactNode {
  let node: ReactNode = view(part.text);
  if (part.code) node = <code>{node}</code>;
  if (part.em) node = <em>{node}</em>;
  if (part.strong) node = <strong>{node}</strong>;
  return node;
}

function Line({ parts, view }: { parts: Inline[]; view: TextView }) {
  // biome-ignore lint/suspicious/noArrayIndexKey: a line's parts come from fixed text and never reorder
  return parts.map((part, i) => <Text key={`${i}-${part.text}`} part={part} view={view} />);
}

function BlockView({ block, view }: { block: Block; view: TextView }) {
  if (block.kind === 'p') {
    return (
      <p>
        <Line parts={block.inlines} view={view} />
      </p>
    );
  }
  const items = block.items.map((item, i) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: list items come from fixed text and never reorder
    <li key={i}>
      <Line parts={item} view={view} />
    </li>
  ));
  return block.kind === 'ul' ? <ul>{items}</ul> : <ol>{items}</ol>;
}

/** Props of BriefingView. */
export interface BriefingViewProps {
  /** The lab as shown: a learner's variant, or (on a lab page's static HTML) the lab with its placeholders. */
  lab: Lab;
  /** Exam mode: the requirements instead of the graded objectives and their points. */
  exam: boolean;
  /** The page-unique id of one of the briefing's headings (see WorkbenchApi.idFor). */
  idFor: (name: string) => string;
  /** How each text is shown; as it is unless given (a lab page marks placeholders for the island to fill). */
  view?: TextView;
}

/**
 * The lab's briefing, graded objectives and plant network. Needs no simulator: a lab page renders
 * it as static HTML beside the workbench (src/pages/labs/[id].astro), and the island renders it
 * itself where the page does not (class labs, exam items).
 */
export function BriefingView({ lab, exam, idFor, view = plain }: BriefingViewProps) {
  const text = (value: string | number) => view(String(value));
  return (
    <>
      <section aria-labelledby={idFor('lab-briefing')}>
        <h2 id={idFor('lab-briefing')}>Briefing</h2>
        {briefingBlocks(lab.briefing).map((block, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: blocks come from fixed text and never reorder
          <BlockView key={i} block={block} view={view} />
        ))}
      </section>
      {exam ? (
        // An exam item shows the briefing's requirements, never the objectives and their points (the grading).
        lab.requirements.length > 0 && (
          <section aria-labelledby={idFor('lab-requirements')}>
            <h2 id={idFor('lab-requirements')}>What the plant needs</h2>
            <ul className="lab-objectives">
              {lab.requirements.map((r) => (
                <li key={r.text}>{text(r.text)}</li>
              ))}
            </ul>
          </section>
        )
      ) : (
        <section aria-labelledby={idFor('lab-objectives')}>
          <h2 id={idFor('lab-objectives')}>What is graded</h2>
          <ul className="lab-objectives">
            {lab.objectives.map((o) => (
              <li key={o.id}>
                {text(o.title)} <span className="muted">({counted(o.points, 'point')})</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby={idFor('lab-network')}>
        <h2 id={idFor('lab-network')}>The plant network</h2>
        <ScrollTable caption="Everything that talks to the PLC" className="lab-table" columns={['Node', 'Address or port', 'FINS node', 'What it is']}>
          {lab.network.map((n) => (
            <tr key={n.name} data-node={n.name}>
              <th scope="row">
                {text(n.name)}
                {n.name === lab.workstation && <span className="muted"> (you)</span>}
              </th>
              <td>{n.ip !== undefined ? <code data-node-ip>{text(n.ip)}</code> : `${n.port ?? 'usb'} port of the CPU Unit`}</td>
              <td>{n.finsNode !== undefined ? text(n.finsNode) : '—'}</td>
              <td>{text(n.description)}</td>
            </tr>
          ))}
        </ScrollTable>
        <p className="muted">
          The PLC: {lab.rack.cpu.model}
          {lab.rack.unit ? ` with a ${lab.rack.unit.model}` : ''}
          {lab.rack.unit?.settings && (
            <>
              {' at '}
              {text(lab.rack.unit.settings.ip)} (FINS node {text(lab.rack.unit.settings.finsNode)})
            </>
          )}
          .
          {lab.otherRacks.map((r) => (
            <span key={r.name}>
              {' '}
              Also: {text(r.name)} — {text(r.description)}.
            </span>
          ))}
        </p>
      </section>
    </>
  );
}

/**
 * The briefing as this learner's variant has it (addresses and names drawn for their seed), so
 * what they read is what the grader replays.
 */
export default function Briefing() {
  const { state, idFor, exam } = useWorkbench();
  return <BriefingView lab={state.variant} exam={exam} idFor={idFor} />;
}
