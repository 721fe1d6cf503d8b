import { useId, useState } from 'react';
import { PORT_LABELS } from '../../../machines/eip21s.machine.ts';
import type { Outcome, PortSettings, Request } from '../../../machines/model.ts';
import { compareRequests } from '../../lib/sim/compare.ts';
import { ENGINEERING_PC, HMI, ROGUE_LAPTOP, type SimNode } from '../../lib/sim/nodes.ts';
import { OPERATION_PRESETS } from '../../lib/sim/requests.ts';
import { SCENARIO_COMMUNITY, scenarioRack } from '../../lib/sim/scenarios.ts';
import { designerCredentials, plantTraffic, SECURE_COMM_ONLY } from '../../lib/sim/traffic.ts';
import RequestSender from './RequestSender.tsx';
import TraceView from './TraceView.tsx';
import { useHydrated, useRack } from './useRack.ts';
import WirePanel from './WirePanel.tsx';
import './sim.css';

const NODES: readonly SimNode[] = [ENGINEERING_PC, HMI, ROGUE_LAPTOP];
const PRESETS = [OPERATION_PRESETS.readD100, OPERATION_PRESETS.writeD100, OPERATION_PRESETS.tagData, OPERATION_PRESETS.readFile, OPERATION_PRESETS.snmpGet];
/** Every port set to Use: the unit as it leaves the factory. */
const CONFIG = scenarioRack();
const TRAFFIC = plantTraffic();
const PORTS = Object.keys(PORT_LABELS) as (keyof PortSettings)[];

/**
 * Lesson 7 "try it": the Use / Not use switches of the EIP21S's TCP/IP functions (§2-2-2). Close
 * ports and watch FINS, FTP, SNMP and tag data links stop while Secure Comm carries on; send
 * your own requests and read the trace and the frames. Decisions come from the machines.
 */
export default function PortsLab() {
  const uid = useId();
  const hydrated = useHydrated();
  const { rack, view, send } = useRack(CONFIG);
  const [sent, setSent] = useState<{ request: Request; outcome: Outcome } | null>(null);
  const [preview, setPreview] = useState<Request | null>(null);
  const eip = view.unit?.eip;
  if (!eip) return null;

  function setPort(port: keyof PortSettings, use: boolean) {
    rack.eip?.send({ type: 'ports.set', port, use });
  }
  function applyExample() {
    for (const port of PORTS) setPort(port, SECURE_COMM_ONLY[port]);
  }
  function onSend(request: Request) {
    setPreview(null);
    setSent({ request, outcome: send(request) });
  }

  const overview = compareRequests(view, TRAFFIC);
  return (
    <div className="widget sim-lab ports-lab">
      <section className="sim-panel" aria-labelledby={`${uid}-ports`}>
        <h3 id={`${uid}-ports`}>TCP/IP functions of the CJ1W-EIP21S</h3>
        <fieldset>
          <legend>Use these functions</legend>
          {PORTS.map((port) => (
            <label className="sim-toggle" key={port}>
              <input type="checkbox" checked={eip.ports[port]} disabled={!hydrated} onChange={(e) => setPort(port, e.currentTarget.checked)} />
              Use {PORT_LABELS[port]}
            </label>
          ))}
        </fieldset>
        <p className="sim-row">
          <button type="button" className="secondary" disabled={!hydrated} onClick={applyExample}>
            Apply the guideline's example: Secure Comm only
          </button>
        </p>
      </section>

      <section className="sim-panel" aria-labelledby={`${uid}-traffic`}>
        <h3 id={`${uid}-traffic`}>The plant's traffic on these settings</h3>
        <p className="muted">Each line is evaluated on the current settings; nothing is sent.</p>
        <ul>
          {overview.map((row) => (
            <li key={row.who} data-allowed={row.outcome.allowed}>
              <strong>{row.who}:</strong> {row.summary}
            </li>
          ))}
        </ul>
      </section>

      <section className="sim-panel" aria-labelledby={`${uid}-send`}>
        <h3 id={`${uid}-send`}>Send a request</h3>
        <RequestSender
          nodes={NODES}
          presets={PRESETS}
          askCredentials
          initial={{
            nodeId: HMI.id,
            presetId: OPERATION_PRESETS.readD100.id,
            protocol: 'fins-udp',
            credentials: designerCredentials(),
            community: SCENARIO_COMMUNITY,
          }}
          onSend={onSend}
          onChange={setPreview}
        />
        <TraceView outcome={sent?.outcome ?? null} request={sent?.request ?? null} caption={sent ? `Trace: ${sent.request.from.name}` : undefined} />
        <WirePanel request={preview ?? sent?.request ?? null} outcome={preview ? null : (sent?.outcome ?? null)} />
      </section>
    </div>
  );
}
