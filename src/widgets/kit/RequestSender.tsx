import { type SubmitEvent, useEffect, useEffectEvent, useId, useState } from 'react';
import type { NetworkProtocol, Request } from '../../../machines/model.ts';
import { nodeLabel, type SimNode } from './nodes.ts';
import { buildRequest, CARRIES_LOGIN, type OperationPreset, protocolOptions, protocolsFor, type SendChoice } from './requests.ts';
import { useHydrated } from './useRack.ts';
import './sim.css';
import TextField from './TextField.tsx';
import SelectField from './SelectField.tsx';

/** Props of RequestSender. */
export interface RequestSenderProps {
  /** Who may send (src/widgets/kit/nodes.ts); the first is selected at start unless `initial` says otherwise. */
  nodes: readonly SimNode[];
  /** What they may ask for (src/widgets/kit/requests.ts OPERATION_PRESETS). */
  presets: readonly OperationPreset[];
  /** Protocols offered; default every protocol an operation can travel over. */
  protocols?: readonly NetworkProtocol[];
  /** Show user name and password fields (sent only with Secure Comm, §2-3-1, and FTP's login, §1-6). An SNMP community field appears by itself when SNMP is chosen. */
  askCredentials?: boolean;
  /** Let a node on a local port ask for Secure Comm too, to show that a cable cannot carry it (§2-1-1 c). */
  secureCommOnCable?: boolean;
  /** Starting choices, including the credentials typed in at first. */
  initial?: Partial<SendChoice>;
  /** Called with the built request when the learner presses the button. */
  onSend: (request: Request) => void;
  /** Called whenever the choices make a valid request (or null when they do not), e.g. to preview its frame. */
  onChange?: (request: Request | null) => void;
  /** Accessible name of the form; default "Send a request". */
  label?: string;
  /** Button text; default "Send request". */
  submitLabel?: string;
}

/**
 * A small form: choose the sender node, the operation and the protocol (and, when asked, a user
 * name and password), then send. Native controls, so it works from the keyboard; disabled until
 * the island hydrates. Invalid choices show the reason from buildRequest (src/widgets/kit/requests.ts).
 */
export default function RequestSender({
  nodes,
  presets,
  protocols,
  askCredentials = false,
  secureCommOnCable = false,
  initial = {},
  onSend,
  onChange,
  label = 'Send a request',
  submitLabel = 'Send request',
}: RequestSenderProps) {
  const uid = useId();
  const hydrated = useHydrated();
  const [choice, setChoice] = useState<SendChoice>(() => ({
    nodeId: initial.nodeId ?? nodes[0]?.id ?? '',
    presetId: initial.presetId ?? presets[0]?.id ?? '',
    ...(initial.protocol ? { protocol: initial.protocol } : {}),
    credentials: initial.credentials ?? { user: '', password: '' },
    ...(initial.community !== undefined ? { community: initial.community } : {}),
  }));
  const [error, setError] = useState<string | null>(null);

  /** The protocols offered for a choice's sender and operation (a cable offers none, or Secure Comm to refuse). */
  function allowedFor(c: SendChoice): NetworkProtocol[] {
    const p = presets.find((x) => x.id === c.presetId);
    const carriedBy = p ? protocolsFor(p.operation.kind) : [];
    const onCable = nodes.find((n) => n.id === c.nodeId)?.origin.via !== 'network';
    if (onCable) return secureCommOnCable && carriedBy.includes('secure-comm') ? ['secure-comm'] : [];
    return carriedBy.filter((x) => !protocols || protocols.includes(x));
  }

  /** Keeps the protocol valid for the sender and operation: on a cable none by default, on the network the first offered. */
  function withProtocol(c: SendChoice): SendChoice {
    const ok = allowedFor(c);
    const onCable = nodes.find((n) => n.id === c.nodeId)?.origin.via !== 'network';
    const chosen = c.protocol && ok.includes(c.protocol) ? c.protocol : onCable ? undefined : ok[0];
    const { protocol: _dropped, ...rest } = c;
    return chosen ? { ...rest, protocol: chosen } : rest;
  }

  const local = nodes.find((n) => n.id === choice.nodeId)?.origin.via !== 'network';
  const offered = protocolOptions(allowedFor(choice));
  const effective = withProtocol(choice);
  const protocol = effective.protocol;
  const secure = protocol !== undefined && CARRIES_LOGIN.has(protocol);

  // Let the parent preview the starting request (e.g. its frame) once the island is live; later
  // choices reach it through update(), so this runs on mount only.
  const reportStart = useEffectEvent(() => onChange?.(buildRequestOrNull(effective)));
  useEffect(() => {
    reportStart();
  }, []);

  function update(change: Partial<SendChoice>) {
    const next = { ...effective, ...change };
    setChoice(next);
    setError(null);
    onChange?.(buildRequestOrNull(next));
  }

  function buildRequestOrNull(c: SendChoice): Request | null {
    const built = buildRequest(withProtocol(c), nodes, presets);
    return built.ok ? built.request : null;
  }

  function submit(e: SubmitEvent<HTMLFormElement>) {
    e.preventDefault();
    const built = buildRequest(withProtocol(effective), nodes, presets);
    if (!built.ok) {
      setError(built.error);
      return;
    }
    setError(null);
    onSend(built.request);
  }

  const ids = {
    node: `${uid}-node`,
    op: `${uid}-op`,
    proto: `${uid}-proto`,
    user: `${uid}-user`,
    pw: `${uid}-pw`,
    community: `${uid}-community`,
    err: `${uid}-err`,
  };
  return (
    <form className="widget-controls sim-sender" aria-label={label} onSubmit={submit}>
      <SelectField id={ids.node} value={choice.nodeId} options={nodes.map((n) => ({ value: n.id, label: nodeLabel(n) }))} disabled={!hydrated} onChange={(value) => update({ nodeId: value })}>
        Sender
      </SelectField>
      <SelectField id={ids.op} value={choice.presetId} options={presets.map((p) => ({ value: p.id, label: p.label }))} disabled={!hydrated} onChange={(value) => update({ presetId: value })}>
        Operation
      </SelectField>
      <SelectField
        id={ids.proto}
        value={protocol ?? ''}
        options={local ? [{ value: '', label: 'None: a cable to the CPU Unit' }, ...offered] : offered}
        disabled={!hydrated || (local && offered.length === 0)}
        onChange={(value) => {
          if (value) update({ protocol: value as NetworkProtocol });
          else {
            // "None: a cable": drop the protocol rather than set it.
            const { protocol: _none, ...plain } = effective;
            setChoice(plain);
            setError(null);
            onChange?.(buildRequestOrNull(plain));
          }
        }}
      >
        Protocol
      </SelectField>
      {askCredentials && (
        <>
          <TextField id={ids.user} value={choice.credentials?.user ?? ''} disabled={!hydrated || !secure} onChange={(value) => update({ credentials: { user: value, password: choice.credentials?.password ?? '' } })}>
            User name
          </TextField>
          <TextField password id={ids.pw} value={choice.credentials?.password ?? ''} disabled={!hydrated || !secure} onChange={(value) => update({ credentials: { user: choice.credentials?.user ?? '', password: value } })}>
            Password
          </TextField>
          {!secure && <p className="muted sim-hint">Only Secure Comm and FTP carry a user name and password.</p>}
        </>
      )}
      {!local && protocol === 'snmp' && (
        <TextField id={ids.community} value={choice.community ?? ''} disabled={!hydrated} onChange={(value) => update({ community: value })}>
          SNMP community name
        </TextField>
      )}
      <div className="widget-field sim-submit">
        <button type="submit" disabled={!hydrated} aria-describedby={error ? ids.err : undefined}>
          {submitLabel}
        </button>
      </div>
      {error && (
        <p id={ids.err} className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
