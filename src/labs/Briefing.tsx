import { counted } from '../../machines/model.ts';
import type { ReactNode } from 'react';
import { type Block, briefingBlocks, type Inline } from './briefing.ts';
import ScrollTable from '../widgets/kit/ScrollTable.tsx';
import { useWorkbench } from './workbench-api.ts';

function Text({ part }: { part: Inline }): ReactNode {
  let node: ReactNode = part.text;
  if (part.code) node = <code>{node}</code>;
  if (part.em) node = <em>{node}</em>;
  if (part.strong) node = <strong>{node}</strong>;
  return node;
}

function Line({ parts }: { parts: Inline[] }) {
  // biome-ignore lint/suspicious/noArrayIndexKey: a line's parts come from fixed text and never reorder
  return parts.map((part, i) => <Text key={`${i}-${part.text}`} part={part} />);
}

function BlockView({ block }: { block: Block }) {
  if (block.kind === 'p') {
    return (
      <p>
        <Line parts={block.inlines} />
      </p>
    );
  }
  const items = block.items.map((item, i) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: list items come from fixed text and never reorder
    <li key={i}>
      <Line parts={item} />
    </li>
  ));
  return block.kind === 'ul' ? <ul>{items}</ul> : <ol>{items}</ol>;
}

/**
 * The lab's briefing, graded objectives and plant network as this learner's variant has them
 * (addresses and names drawn for their seed), so what they read is what the grader replays.
 */
export default function Briefing() {
  const { state, idFor, exam } = useWorkbench();
  const lab = state.variant;
  return (
    <>
      <section aria-labelledby={idFor('lab-briefing')}>
        <h2 id={idFor('lab-briefing')}>Briefing</h2>
        {briefingBlocks(lab.briefing).map((block, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: blocks come from fixed text and never reorder
          <BlockView key={i} block={block} />
        ))}
      </section>
      {exam ? (
        // An exam item shows the briefing's requirements, never the objectives and their points (the grading).
        lab.requirements.length > 0 && (
          <section aria-labelledby={idFor('lab-requirements')}>
            <h2 id={idFor('lab-requirements')}>What the plant needs</h2>
            <ul className="lab-objectives">
              {lab.requirements.map((r) => (
                <li key={r.text}>{r.text}</li>
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
                {o.title} <span className="muted">({counted(o.points, 'point')})</span>
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
                {n.name}
                {n.name === lab.workstation && <span className="muted"> (you)</span>}
              </th>
              <td>{n.ip !== undefined ? <code data-node-ip>{n.ip}</code> : `${n.port ?? 'usb'} port of the CPU Unit`}</td>
              <td>{n.finsNode ?? '—'}</td>
              <td>{n.description}</td>
            </tr>
          ))}
        </ScrollTable>
        <p className="muted">
          The PLC: {lab.rack.cpu.model}
          {lab.rack.unit ? ` with a ${lab.rack.unit.model}` : ''}
          {lab.rack.unit?.settings ? ` at ${lab.rack.unit.settings.ip} (FINS node ${lab.rack.unit.settings.finsNode})` : ''}.
          {lab.otherRacks.map((r) => ` Also: ${r.name} — ${r.description}.`).join('')}
        </p>
      </section>
    </>
  );
}
