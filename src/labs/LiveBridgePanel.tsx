import { useEffect, useId, useRef, useState } from 'react';
import { TraceSteps } from '../widgets/kit/TraceView.tsx';
import { useHydrated } from '../widgets/kit/useRack.ts';
import { LIVE_FEED_URL, LIVE_KEEP, type LiveExchange, type LiveHello, parseExchange, parseHello, requestCount } from './live-feed.ts';
import './workbench.css';

/** Props of LiveBridgePanel. */
export interface LiveBridgePanelProps {
  /** The lab of this page: only the bridge serving it has its traffic shown here. */
  labId: string;
}

type Connection =
  | { state: 'idle' }
  | { state: 'connecting' }
  | { state: 'serving'; hello: LiveHello }
  | { state: 'other-lab'; hello: LiveHello }
  | { state: 'unreachable' }
  | { state: 'ended' };

/** One request shown, with a key of its own. */
interface Seen {
  key: number;
  exchange: LiveExchange;
}

/**
 * "Live traffic from the bridge": collapsed until the learner opens it and presses Connect (the
 * page never reaches out to the computer by itself). Then it follows the bridge's feed
 * (docs/real-tools.md) and shows each request a real tool sent — nmap, a FINS client — with the
 * course's trace words and picture, newest first. A bridge serving another lab is named, not
 * shown. The page's policy already lets it connect: the static build's CSP sets only script-src
 * and style-src, so connect-src is not restricted.
 */
export default function LiveBridgePanel({ labId }: LiveBridgePanelProps) {
  const uid = useId();
  const hydrated = useHydrated();
  const [connection, setConnection] = useState<Connection>({ state: 'idle' });
  const [seen, setSeen] = useState<Seen[]>([]);
  const [count, setCount] = useState(0);
  const feed = useRef<EventSource | null>(null);
  const next = useRef(0);

  function disconnect(then: Connection) {
    feed.current?.close();
    feed.current = null;
    setConnection(then);
  }

  function connect() {
    feed.current?.close();
    setSeen([]);
    setCount(0);
    setConnection({ state: 'connecting' });
    const source = new EventSource(LIVE_FEED_URL);
    feed.current = source;
    let hello: LiveHello | null = null;
    source.addEventListener('bridge', (e) => {
      hello = parseHello((e as MessageEvent<string>).data);
      if (!hello) return;
      if (hello.lab.id === labId) setConnection({ state: 'serving', hello });
      else disconnect({ state: 'other-lab', hello });
    });
    source.addEventListener('exchange', (e) => {
      if (hello?.lab.id !== labId) return;
      const exchange = parseExchange((e as MessageEvent<string>).data);
      if (!exchange) return;
      next.current += 1;
      const key = next.current;
      setSeen((list) => [{ key, exchange }, ...list].slice(0, LIVE_KEEP));
      setCount((n) => n + 1);
    });
    // EventSource retries by itself; the panel stops instead and says why, so a page left open
    // does not knock on a port every few seconds.
    source.onerror = () => disconnect(hello ? { state: 'ended' } : { state: 'unreachable' });
  }

  useEffect(() => () => feed.current?.close(), []);

  const start = `npm run plc -- serve --lab ${labId}`;
  const connected = connection.state === 'serving' || connection.state === 'connecting';
  return (
    <details className="lab-section lab-live">
      <summary>
        <h2 id={`${uid}-live`}>Live traffic from the bridge</h2>
      </summary>
      <p>
        Running the bridge on this computer (<code>{start}</code>, docs/real-tools.md in the course’s files tells how) puts this lab’s unit on
        real sockets. Connect to see each request that nmap or a FINS client sends it, with the same trace as the course.
        Nothing is sent anywhere: the page only listens to the bridge on 127.0.0.1.
      </p>
      <div className="lab-button-row">
        {connected ? (
          <button type="button" className="secondary" onClick={() => disconnect({ state: 'idle' })}>
            Disconnect from the bridge
          </button>
        ) : (
          <button type="button" className="button" disabled={!hydrated} onClick={connect}>
            Connect to the bridge on this computer
          </button>
        )}
      </div>
      <p role="status" className="lab-status">
        {statusText(connection, start)}
        {connection.state === 'serving' && count > 0 && ` ${requestCount(count)} seen.`}
      </p>
      {seen.length > 0 && (
        <ol className="lab-timeline lab-live-list" aria-label="Requests the bridge saw, newest first">
          {seen.map(({ key, exchange }) => (
            <li key={key} className="lab-event">
              <p className="lab-event-head">
                <strong>
                  {exchange.service} from {exchange.from.name} ({exchange.from.ip}): {exchange.asked}
                </strong>
              </p>
              <p>{exchange.summary}</p>
              {exchange.steps.length > 0 && <TraceSteps rows={exchange.steps} caption={`Trace: ${exchange.asked} from ${exchange.from.name}`} />}
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}

function statusText(connection: Connection, start: string): string {
  switch (connection.state) {
    case 'idle':
      return '';
    case 'connecting':
      return 'Connecting to the bridge…';
    case 'serving':
      return `Connected: the bridge serves this lab${connection.hello.lab.seed === null ? '' : ` (variant ${connection.hello.lab.seed})`}. Requests appear here as they arrive.`;
    case 'other-lab':
      return `The bridge is serving another lab, “${connection.hello.lab.title}”. Stop it and start ${start} to see this lab’s traffic.`;
    case 'unreachable':
      return `No bridge answered on this computer. Start it in a terminal with ${start}, then connect again.`;
    case 'ended':
      return `The bridge stopped. Start it again with ${start}, then connect again.`;
  }
}
