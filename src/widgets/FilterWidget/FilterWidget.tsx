import { type SubmitEvent, useId, useState } from 'react';
import { lockoutWarning } from '../../../machines/eip/eip21s.machine.ts';
import type { FilterRule } from '../../../machines/model.ts';
import { trySend } from '../../../machines/request-path/rack.ts';
import { compareSenders } from '../kit/compare.ts';
import { ENGINEERING_PC, HMI, ROGUE_LAPTOP } from '../kit/nodes.ts';
import { OPERATION_PRESETS } from '../kit/requests.ts';
import { scenarioRack } from '../kit/scenarios.ts';
import ComparisonLine from '../kit/ComparisonLine.tsx';
import SendPanel, { type SenderSetup, useSendPanel } from '../kit/SendPanel.tsx';
import { useHydrated, useRack } from '../kit/useRack.ts';
import { withErrorBoundary } from '../kit/error-boundary.tsx';
import '../kit/sim.css';
import SubmitField from '../kit/SubmitField.tsx';
import ErrorNote from '../kit/ErrorNote.tsx';
import { useFocusAfterRemove } from '../kit/useFocusAfterRemove.ts';
import { parseIPv4, parseMask } from '../../../machines/eip/ip-address.ts';

/** The send form of lesson 6: its three PCs, starting from the rogue laptop. */
const SENDER: SenderSetup = {
  nodes: [ENGINEERING_PC, HMI, ROGUE_LAPTOP],
  presets: [OPERATION_PRESETS.readD100, OPERATION_PRESETS.writeD100, OPERATION_PRESETS.uploadProgram, OPERATION_PRESETS.stopCpu],
  protocols: ['fins-udp', 'fins-tcp', 'cip'],
  initial: { nodeId: ROGUE_LAPTOP.id, presetId: OPERATION_PRESETS.readD100.id, protocol: 'fins-udp' },
};
/** The filter starts not used with an empty table: the unit as it leaves the factory. */
const CONFIG = scenarioRack();
/** Whom the lockout warning protects: the engineering PC (§2-2-1 "be careful of the settings"). */
const ENGINEERING_IPS = [ENGINEERING_PC, HMI].flatMap((n) => (n.origin.via === 'network' ? [n.origin.ip] : []));

/** A field of the add-rule form. */
type RuleField = 'ip' | 'mask';
/** Why the last change was refused, and the fields it is about (none for a removal). */
interface RuleError {
  text: string;
  fields: readonly RuleField[];
}

/** The fields a refused rule is about: the address or the mask that does not parse, else both (a duplicate, a full table). */
function faultyFields(ip: string, mask: string): RuleField[] {
  if (!parseIPv4(ip).ok) return ['ip'];
  if (!parseMask(mask).ok) return ['mask'];
  return ['ip', 'mask'];
}

/**
 * Lesson 6 "try it": the IP packet filter of a CJ1W-EIP21S (§2-2-1). Add and remove rules,
 * switch the filter on and off (the table is kept), and send requests from the engineering PC,
 * the HMI and a rogue laptop; the trace and the frames show where each one stops. Every
 * decision comes from the EIP21S machine and the request path.
 */
function FilterWidget() {
  const uid = useId();
  const hydrated = useHydrated();
  const { rack, view, send } = useRack(CONFIG);
  const eip = view.unit?.eip;
  const [ip, setIp] = useState('192.168.250.10');
  const [mask, setMask] = useState('255.255.255.255');
  const [ruleError, setRuleError] = useState<RuleError | null>(null);
  const { panel } = useSendPanel(send);
  const focus = useFocusAfterRemove<HTMLElement>();
  if (!eip) return null;

  function change(event: Parameters<NonNullable<typeof rack.eip>['send']>[0], fields: RuleError['fields'] = []) {
    const sent = rack.eip ? trySend(rack.eip, event) : null;
    setRuleError(sent && !sent.ok ? { text: sent.reason, fields } : null);
  }
  function addRule(e: SubmitEvent<HTMLFormElement>) {
    e.preventDefault();
    change({ type: 'filter.ruleAdded', rule: { ip: ip.trim(), mask: mask.trim() } }, faultyFields(ip, mask));
  }
  function removeRule(rule: FilterRule, at: number) {
    focus.removing(at);
    change({ type: 'filter.ruleRemoved', rule });
  }
  /** The error ties to the field it is about (aria-describedby, aria-invalid). */
  const fieldError = (field: RuleField) =>
    ruleError?.fields.includes(field) ? { 'aria-invalid': true, 'aria-describedby': ids.error } : {};

  const warning = eip.filter.enabled ? null : lockoutWarning(eip, ENGINEERING_IPS);
  const overview = compareSenders(view, SENDER.nodes, OPERATION_PRESETS.readD100.operation, 'fins-udp');
  const ids = { ip: `${uid}-ip`, mask: `${uid}-mask`, use: `${uid}-use`, rules: `${uid}-rules`, who: `${uid}-who`, error: `${uid}-rule-error` };
  return (
    <div className="widget sim-lab filter-lab">
      <section className="sim-panel" aria-labelledby={`${uid}-filter`} ref={focus.container}>
        <h3 id={`${uid}-filter`}>IP packet filter of the CJ1W-EIP21S ({eip.ip})</h3>
        <label className="sim-toggle" htmlFor={ids.use}>
          <input
            id={ids.use}
            type="checkbox"
            checked={eip.filter.enabled}
            disabled={!hydrated}
            onChange={(e) => change({ type: e.currentTarget.checked ? 'filter.enabled' : 'filter.disabled' })}
          />
          Use IP packet filter
        </label>
        {warning && <p className="widget-problem">Before you switch it on: {warning.message}</p>}
        <table className="sim-table">
          <caption id={ids.rules}>
            Filter table ({eip.filter.rules.length} {eip.filter.rules.length === 1 ? 'rule' : 'rules'},{' '}
            {eip.filter.enabled ? 'in use' : 'kept but not used'})
          </caption>
          <thead>
            <tr>
              <th scope="col">No.</th>
              <th scope="col">Source IP address</th>
              <th scope="col">Mask</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {eip.filter.rules.length === 0 && (
              <tr>
                <td colSpan={4}>The table is empty.</td>
              </tr>
            )}
            {eip.filter.rules.map((r, i) => (
              <tr key={`${r.ip}/${r.mask}`}>
                <td>{i + 1}</td>
                <td>{r.ip}</td>
                <td>{r.mask}</td>
                <td>
                  <button type="button" className="secondary" disabled={!hydrated} data-remove onClick={() => removeRule(r, i)}>
                    Remove rule {i + 1}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <form className="sim-row" aria-label="Add a filter rule" onSubmit={addRule}>
          <div className="widget-field">
            <label htmlFor={ids.ip}>Source IP address</label>
            <input id={ids.ip} type="text" inputMode="decimal" value={ip} disabled={!hydrated} {...fieldError('ip')} onChange={(e) => setIp(e.currentTarget.value)} />
          </div>
          <div className="widget-field">
            <label htmlFor={ids.mask}>Mask</label>
            <input id={ids.mask} type="text" inputMode="decimal" value={mask} disabled={!hydrated} {...fieldError('mask')} onChange={(e) => setMask(e.currentTarget.value)} />
          </div>
          <SubmitField disabled={!hydrated}>Add rule</SubmitField>
        </form>
        <ErrorNote id={ids.error} text={ruleError?.text ?? null} />
      </section>

      <section className="sim-panel" aria-labelledby={ids.who}>
        <h3 id={ids.who}>Who gets through right now</h3>
        <p className="muted">Each PC reading D100 over FINS/UDP, evaluated on the current settings (nothing is sent).</p>
        <ul>
          {overview.map((row) => (
            <ComparisonLine key={row.who} row={row} />
          ))}
        </ul>
      </section>

      <SendPanel heading="Send a request" {...SENDER} {...panel} />
    </div>
  );
}

/** The island: the widget inside an error boundary, so a fault shows a plain message in its place. */
export default withErrorBoundary(FilterWidget, 'This exercise');
