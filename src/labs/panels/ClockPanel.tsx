import { useId } from 'react';
import { type AuxTimestamp, clockMonitor } from '../panels.ts';
import { Panel } from '../Field.tsx';
import ScrollTable from '../../widgets/kit/ScrollTable.tsx';
import { useWorkbench } from '../workbench-api.ts';

function Words({ t, what }: { t: AuxTimestamp; what: string }) {
  return (
    <tr>
      <th scope="row">
        {t.words} <span className="muted">({what})</span>
      </th>
      <td>
        <code>{t.hex.join(' ')}</code>
      </td>
      <td>
        {t.decoded === null ? (
          t.problem ? (
            `Not a valid BCD time: ${t.problem}`
          ) : (
            'never written'
          )
        ) : (
          <details>
            <summary>Decode the BCD</summary>
            {t.decoded}
          </details>
        )}
      </td>
    </tr>
  );
}

/**
 * The CPU clock and the user data overwrite times in the Auxiliary Area (§2-5-5): A90–A93 for
 * the user program, A94–A97 for the parameter area, as four BCD words each (minute and second,
 * day and hour, year and month, day of the week). As the learner finds the unit, after the
 * lab's history. The decoded time is behind a disclosure so reading the words comes first.
 */
export default function ClockPanel() {
  const { state } = useWorkbench();
  const id = useId();
  const monitor = clockMonitor(state.startView);
  return (
    <Panel id={`${id}-clock`} title="Clock and overwrite times" sections={['§2-5-5']} editable={false} readOnlyText="The CPU Unit writes these itself; nobody can change them (§2-5-5).">
      <p>
        CPU clock when you arrive: <strong>{monitor.clock}</strong>
      </p>
      <ScrollTable caption="Auxiliary Area words (hex, BCD)" className="lab-table" columns={['Words', 'Value', 'Date and time']}>
        <Words t={monitor.program} what="user program overwritten" />
        <Words t={monitor.parameters} what="parameter area overwritten" />
      </ScrollTable>
    </Panel>
  );
}
