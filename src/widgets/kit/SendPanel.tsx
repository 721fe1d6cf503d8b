import { type RefObject, useId, useState } from 'react';
import type { Outcome, Request } from '../../../machines/model.ts';
import RequestSender, { type RequestSenderProps } from './RequestSender.tsx';
import TraceView from './TraceView.tsx';
import { intentOf } from './nodes.ts';
import WirePanel from './WirePanel.tsx';
import { useResultFocus } from './result-focus.ts';

/** The last request a learner sent and how the rack answered it. */
export interface SentRequest {
  /** The request as built by the form. */
  request: Request;
  /** What the request path decided. */
  outcome: Outcome;
}

/** What a widget's sender form offers: who may send, what, over which protocols, and the choices at start. */
export type SenderSetup = Pick<RequestSenderProps, 'nodes' | 'presets' | 'protocols' | 'askCredentials' | 'secureCommOnCable' | 'initial'>;

/** The state a widget keeps for its SendPanel, and the props that wire the panel to it. */
export interface SendPanelState {
  /**
   * Spread onto SendPanel: the last request sent, the one previewed, the handlers that set them,
   * and the ref of the result's heading, focused after the learner presses Send.
   */
  panel: {
    sent: SentRequest | null;
    preview: Request | null;
    onSend: (request: Request) => void;
    onChange: (request: Request | null) => void;
    resultRef: RefObject<HTMLHeadingElement | null>;
  };
  /** Shows a request the widget sent itself (a scripted attack, a login try) as the last one sent. */
  show: (request: Request, outcome: Outcome) => void;
}

/**
 * Keeps the last request a learner sent and the one the form would send now, so every network
 * widget wires its SendPanel the same way. `send` is the rack's (useRack): it answers a request.
 * After the learner presses Send, the result is brought into view and focused (never on the
 * first render, nor for a request the widget shows by itself).
 */
export function useSendPanel(send: (request: Request) => Outcome): SendPanelState {
  const [sent, setSent] = useState<SentRequest | null>(null);
  const [preview, setPreview] = useState<Request | null>(null);
  const focus = useResultFocus<HTMLHeadingElement>();
  function show(request: Request, outcome: Outcome) {
    setPreview(null);
    setSent({ request, outcome });
  }
  function onSend(request: Request) {
    show(request, send(request));
    focus.ask();
  }
  return { show, panel: { sent, preview, onSend, onChange: setPreview, resultRef: focus.ref } };
}

/** Props of SendPanel: the form's own props, plus what the panel shows under it. */
export interface SendPanelProps extends RequestSenderProps {
  /** The panel's heading, in words ("Send a request", "Operate the PLC"). */
  heading: string;
  /** The last request sent, for the trace (and the wire when nothing is being previewed). */
  sent: SentRequest | null;
  /** The request the form would send now (from `onChange`); the wire panel shows it before sending. */
  preview?: Request | null;
  /** Show the bytes on the wire under the trace; default true. */
  showWire?: boolean;
  /** Heading of the wire panel, when the lesson names it differently. */
  wireHeading?: string;
  /** The result's heading, focused after Send (useSendPanel gives it). */
  resultRef?: RefObject<HTMLHeadingElement | null>;
}

/**
 * The "send a request" block every network widget shares: the sender form, the trace of the last
 * request, and what it put on the wire (the form's current choice before it is sent, so the
 * learner sees the frame change as they pick).
 */
export default function SendPanel({ heading, sent, preview = null, showWire = true, wireHeading, resultRef, ...sender }: SendPanelProps) {
  const uid = useId();
  return (
    <section className="sim-panel" aria-labelledby={`${uid}-send`}>
      <h3 id={`${uid}-send`}>{heading}</h3>
      <RequestSender {...sender} />
      {sent && (
        <h4 ref={resultRef} tabIndex={-1} className="sim-result-heading">
          Result of the request from {sent.request.from.name}
        </h4>
      )}
      <TraceView
        outcome={sent?.outcome ?? null}
        request={sent?.request ?? null}
        intent={sent ? intentOf(sent.request.from) : null}
        caption={sent ? `Trace: ${sent.request.from.name}` : undefined}
      />
      {showWire && (
        <WirePanel
          request={preview ?? sent?.request ?? null}
          outcome={preview ? null : (sent?.outcome ?? null)}
          {...(wireHeading !== undefined ? { heading: wireHeading } : {})}
        />
      )}
    </section>
  );
}
