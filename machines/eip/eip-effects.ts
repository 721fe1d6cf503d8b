/**
 * What an evaluated request changes in the EIP21S: the events the rack sends to the unit's
 * machine after the request path has answered.
 *
 * - Every Secure Comm request that reached the unit is written to the operation log (§2-6-1),
 *   allowed or refused, with the CPU clock time, the PC's IP address and the user name.
 *   ASSUMPTION: failed log-ins are logged too, as operation 'authentication'. Packets dropped
 *   before the unit's Secure Comm server (route, IP filter, closed port, no users stored) leave
 *   no entry: nothing was received to log.
 * - A Secure Comm request that reached authentication opens (or fails to open) a session.
 * - Allowed user-management, own-password and Restart Unit operations become the matching
 *   machine events; the machine still validates them and may refuse (see its `lastError`).
 */
import type { Eip21sEvent, OperationLogEntry } from './eip21s.machine.ts';
import type { Operation, Request, StepSource } from '../model.ts';
import { OPERATION_LABELS } from './operation-authority.ts';
import { checkPassword } from './password-policy.ts';

/** Steps that stop a Secure Comm request before the unit's Secure Comm server receives it. */
const BEFORE_THE_UNIT: ReadonlySet<string> = new Set<StepSource>(['route', 'ip-filter', 'ports', 'secure-comm']);

/** Why a request that reached the unit was refused, in the words a log reader expects. */
const REFUSED_BY: Readonly<Partial<Record<StepSource, string>>> = {
  'operation-authority': 'no operation authority',
  'plc-name': 'PLC name does not match',
  'dip-switch': 'write-protected by the DIP switch',
  'read-protection': 'protected by a password',
  'fins-write-protection': 'FINS write protection',
  'operating-mode': 'not possible in the current operating mode',
  'lot-number': 'production lot number check',
};

function changeDetail(op: Extract<Operation, { kind: 'users.manage' }>): string | undefined {
  const c = op.change;
  if (!c) return undefined;
  if (c.action === 'add') return `add user "${c.user.name}" as ${c.user.role}`;
  if (c.action === 'remove') return `delete user "${c.name}"`;
  return `set the authority of "${c.name}" to ${c.role}`;
}

function effectEvents(request: Request): { events: Eip21sEvent[]; problem?: string } {
  const op = request.operation;
  switch (op.kind) {
    case 'users.manage': {
      const c = op.change;
      if (!c) return { events: [] };
      if (c.action === 'add') return { events: [{ type: 'users.added', user: { ...c.user } }] };
      if (c.action === 'remove') return { events: [{ type: 'users.removed', name: c.name }] };
      return { events: [{ type: 'users.roleChanged', name: c.name, role: c.role }] };
    }
    case 'password.changeOwn': {
      const name = request.credentials?.user;
      if (!name) return { events: [], problem: 'no user name: only an authenticated user can change their own password' };
      // ASSUMPTION (password-policy.ts): the unit enforces the course's reading of the §1-6
      // advice, so a weak new password is refused before it reaches the unit.
      const pw = checkPassword(op.newPassword, { userName: name });
      if (!pw.ok) return { events: [], problem: pw.problems.join(' ') };
      return { events: [{ type: 'users.passwordChanged', name, password: op.newPassword }] };
    }
    // §4-1-2: Restart Unit returning to the out-of-box configuration.
    case 'unit.restart':
      return { events: [{ type: 'unit.restarted', outOfBox: true }] };
    default:
      return { events: [] };
  }
}

/**
 * The EIP21S events an evaluated request causes. `outcome.blockedAt` is the `source` of the
 * step that blocked it (e.g. 'ip-filter', 'user-auth', 'operation-authority'); `now` is the CPU
 * clock as an ISO date-time. The log entry comes before the change it records.
 */
export function eipEventsFor(request: Request, outcome: { allowed: boolean; blockedAt?: string }, now: string): Eip21sEvent[] {
  const effects = outcome.allowed ? effectEvents(request) : { events: [] };
  const from = request.from;
  const overSecureComm = from.via === 'network' && request.protocol === 'secure-comm';
  if (!overSecureComm || (outcome.blockedAt !== undefined && BEFORE_THE_UNIT.has(outcome.blockedAt))) {
    return effects.events;
  }

  const events: Eip21sEvent[] = [];
  const user = request.credentials?.user || null;
  if (request.credentials) {
    events.push({ type: 'auth.attempted', ip: from.ip, user: request.credentials.user, password: request.credentials.password, at: now });
  }
  const kind = request.operation.kind;
  let entry: OperationLogEntry;
  if (outcome.blockedAt === 'user-auth') {
    entry = { at: now, ip: from.ip, user, operation: 'authentication', result: 'failure', detail: 'authentication failure' };
  } else if (!outcome.allowed) {
    const where = REFUSED_BY[outcome.blockedAt as StepSource] ?? 'refused by the PLC';
    entry = { at: now, ip: from.ip, user, operation: kind, result: 'failure', detail: `${OPERATION_LABELS[kind]}: ${where}` };
  } else if (effects.problem) {
    entry = { at: now, ip: from.ip, user, operation: kind, result: 'failure', detail: effects.problem };
  } else {
    const detail = request.operation.kind === 'users.manage' ? changeDetail(request.operation) : undefined;
    entry = { at: now, ip: from.ip, user, operation: kind, result: 'success', ...(detail ? { detail } : {}) };
  }
  events.push({ type: 'log.recorded', entry });
  return [...events, ...effects.events];
}
