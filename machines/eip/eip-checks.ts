/**
 * The EIP21S's steps of the request path: each a pure function of the unit's view and a
 * request, answering pass / block / n/a with the reason and the guideline section.
 *
 * A packet the unit drops (IP filter, closed port, wrong SNMP community, no Secure Comm) gets no
 * answer at all, so those steps carry no FINS end code and their reasons say so. ASSUMPTION:
 * §2-2-1 and §2-2-2 say such packets are blocked, not what the sender sees; we model silence.
 * Requests on a local port of the CPU Unit (USB, peripheral, serial) never pass through the
 * unit: every step here is 'n/a' for them, and also when the rack has no EIP21S (`eip` null).
 */
import {
  authenticate,
  type EipView,
  FTP_NO_LOCKOUT,
  filterVerdict,
  ftpLoginCheck,
  PORT_LABELS,
  PROTOCOL_LABELS,
} from './eip21s.machine.ts';
import type { Layer, NetworkProtocol, PortSettings, Request, StepSource, TraceStep } from '../model.ts';
import { mayPerform, OPERATION_LABELS, rightsExplanation } from './operation-authority.ts';

/** What a step's reason adds when the unit drops a packet silently. */
export const DROPPED = 'dropped: no response';

/** §2-2-2: which Use / Not use switch opens the port a protocol arrives on. */
export const PORT_OF_PROTOCOL: Readonly<Partial<Record<NetworkProtocol, keyof PortSettings>>> = {
  cip: 'cipMessageServer',
  // §2-2-2: tag data links need the CIP message server.
  'cip-io': 'cipMessageServer',
  'fins-udp': 'finsUdp',
  'fins-tcp': 'finsTcp',
  ftp: 'ftpServer',
  snmp: 'snmp',
};

type Step = (verdict: TraceStep['verdict'], reason: string) => TraceStep;

function stepMaker(layer: Layer, source: StepSource, section: string): Step {
  return (verdict, reason) => ({ layer, source, verdict, reason, section });
}

const LOCAL_PORT_NAMES = { usb: 'USB port', peripheral: 'peripheral port', serial: 'serial port' } as const;

type Through = { ok: true; unit: EipView; ip: string } | { ok: false; step: TraceStep };

/** The unit and source address of a request that passes through an EIP21S, or the shared 'n/a'. */
function throughUnit(eip: EipView | null, request: Request, step: Step, what: string): Through {
  if (request.from.via !== 'network') {
    const port = LOCAL_PORT_NAMES[request.from.via];
    return { ok: false, step: step('n/a', `The request comes in on the CPU Unit's ${port}, which never passes through the EtherNet/IP Unit, so ${what} does not apply.`) };
  }
  if (!eip) return { ok: false, step: step('n/a', `The rack has no CS1W/CJ1W-EIP21S, so there is no ${what}.`) };
  return { ok: true, unit: eip, ip: request.from.ip };
}

function protocolName(request: Request): string {
  return request.protocol ? PROTOCOL_LABELS[request.protocol] : 'This';
}

/** §2-2-1: does the IP packet filter let the source address in? */
export function checkIpFilter(eip: EipView | null, request: Request): TraceStep {
  const step = stepMaker('network', 'ip-filter', '§2-2-1');
  const through = throughUnit(eip, request, step, 'the IP packet filter');
  if (!through.ok) return through.step;
  const v = filterVerdict(through.unit, through.ip, { protocol: request.protocol, replyTo: request.replyTo });
  return v.verdict === 'pass' ? step('pass', v.reason) : step('block', `${v.reason.replace(/\.$/, '')} — ${DROPPED}.`);
}

/** §2-2-2: is the port of the request's protocol set to Use (and, for SNMP, is the community right)? */
export function checkPort(eip: EipView | null, request: Request): TraceStep {
  const step = stepMaker('network', 'ports', '§2-2-2');
  const through = throughUnit(eip, request, step, 'opening and closing ports');
  if (!through.ok) return through.step;
  const unit = through.unit;
  if (request.replyTo) {
    return step('n/a', "A reply to the unit's own request arrives on the port the unit opened for it, not on a server port.");
  }
  const protocol = request.protocol;
  if (!protocol) return step('n/a', 'No network protocol is named, so no port switch applies.');
  if (protocol === 'dns' || protocol === 'sntp') {
    return step('n/a', `${PROTOCOL_LABELS[protocol]} is a client function of the unit; it has no server port to open or close.`);
  }
  if (protocol === 'secure-comm') {
    // ASSUMPTION: Secure Comm has no Use / Not use switch of its own; it listens while users are stored.
    return step('n/a', 'Secure Comm is not one of the Use / Not use switches: its port is governed by the stored user settings (§2-1-1).');
  }
  const port = PORT_OF_PROTOCOL[protocol];
  if (!port) return step('n/a', `${PROTOCOL_LABELS[protocol]} has no port switch.`);
  const label = PORT_LABELS[port];
  if (!unit.ports[port]) {
    if (protocol === 'cip-io') {
      return step('block', `Tag data links stop because the ${label} is set to Not use — ${DROPPED}.`);
    }
    return step('block', `The ${label} is set to Not use, so its port is closed — ${DROPPED}.`);
  }
  // §2-2-2 note: SNMP answers only requests that carry the right community name.
  if (protocol === 'snmp' && request.community !== unit.snmpCommunity) {
    const given = request.community === undefined ? 'no community name' : `community name "${request.community}"`;
    return step('block', `The SNMP request carries ${given}, which does not match the unit's — ${DROPPED}.`);
  }
  const extra = protocol === 'snmp' ? ' and the community name matches' : '';
  return step('pass', `The ${label} is set to Use${extra}.`);
}

/**
 * §1-6 (network layer): the FTP server asks for its own login name and password, and has no
 * password lock — a wrong password is refused, and the next attempt is answered just the same.
 * The FTP server answers in FTP (530 "not logged in"), so the step carries no FINS end code.
 */
export function checkFtpLogin(eip: EipView | null, request: Request): TraceStep {
  const step = stepMaker('network', 'ftp-login', '§1-6');
  const through = throughUnit(eip, request, step, 'the FTP login');
  if (!through.ok) return through.step;
  if (request.protocol !== 'ftp' || request.replyTo) return step('n/a', `${protocolName(request)} is not FTP, so the FTP server's login does not apply.`);
  const found = ftpLoginCheck(through.unit.ftpLogin, request.credentials);
  if (!found.ok) {
    return step('block', `The FTP server refuses the login: ${found.reason}. It will answer the next attempt all the same. ${FTP_NO_LOCKOUT}`);
  }
  const known = through.unit.ftpLogin.password === '' ? ' The login still has no password, as it left the factory, so the login name alone was enough.' : '';
  return step('pass', `The FTP server accepts the login "${through.unit.ftpLogin.user}" and serves the memory card and EM file memory.${known}`);
}

/** §2-1-1: Secure Comm needs user settings stored in the unit; other protocols travel in plain text. */
export function checkSecureComm(eip: EipView | null, request: Request): TraceStep {
  const step = stepMaker('network', 'secure-comm', '§2-1-1');
  const through = throughUnit(eip, request, step, 'Secure Comm');
  if (!through.ok) return through.step;
  const unit = through.unit;
  if (request.protocol !== 'secure-comm') {
    return step(
      'n/a',
      `${protocolName(request)} traffic is not Secure Comm: it travels in plain text, so anyone on the line can read it and change it unnoticed.`,
    );
  }
  if (!unit.secureCommAvailable) {
    return step('block', `Secure Comm needs user authentication settings stored in the unit, and none are — connection refused, ${DROPPED}.`);
  }
  return step('pass', 'Secure Comm encrypts the data and adds a hash: eavesdropping is defeated and tampering is detected.');
}

/** §2-3-1: only Secure Comm connections are authenticated, by user name and password. */
export function checkUserAuth(eip: EipView | null, request: Request): TraceStep {
  const step = stepMaker('device', 'user-auth', '§2-3-1');
  const through = throughUnit(eip, request, step, 'user authentication');
  if (!through.ok) return through.step;
  const unit = through.unit;
  if (request.protocol !== 'secure-comm') {
    return step(
      'n/a',
      `${protocolName(request)} carries no user name or password: the unit cannot tell who sent it, so anyone who reaches the port is served.`,
    );
  }
  const found = authenticate(unit.users, request.credentials);
  if (!found.ok) return step('block', `Authentication failure: ${found.reason}.`);
  return step('pass', `Authentication OK: "${found.user.name}" is logged in as ${found.user.role}.`);
}

/** §2-4-1: may the authenticated user's role perform the operation? */
export function checkOperationAuthority(eip: EipView | null, request: Request): TraceStep {
  const step = stepMaker('function', 'operation-authority', '§2-4-1');
  const through = throughUnit(eip, request, step, 'operation authority verification');
  if (!through.ok) return through.step;
  const unit = through.unit;
  if (request.protocol !== 'secure-comm') {
    return step('n/a', `${protocolName(request)} requests carry no user, so no operation authority is checked: no role limits what the sender may ask (later layers may still refuse it).`);
  }
  const found = authenticate(unit.users, request.credentials);
  if (!found.ok) return step('block', 'No user is authenticated, so there is no operation authority to allow this.');
  const { name, role } = found.user;
  const kind = request.operation.kind;
  const who = `"${name}" is ${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role}`;
  if (mayPerform(role, kind)) return step('pass', `${who}: ${role}s may ${OPERATION_LABELS[kind]}.`);
  return step('block', `${who}: ${role}s may not ${OPERATION_LABELS[kind]}. ${rightsExplanation(role)}`);
}
