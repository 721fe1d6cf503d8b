/**
 * The CS1W/CJ1W-EIP21S EtherNet/IP Unit: users and their authority, Secure Comm sessions, the IP
 * packet filter, the TCP/IP port switches, the operation log, automatic clock adjustment and
 * Restart Unit to the out-of-box configuration.
 *
 * ASSUMPTION: the user authentication settings live in this unit. §2-1-1 (condition 3) and the
 * §2-3-1 advice on a lost administrator (initialising the EtherNet/IP Unit loses them) put them
 * here, while the §2-3-1 description says they are saved in the CPU Unit. We keep them here, so a
 * Memory All Clear leaves them and only Restart Unit erases them.
 *
 * Two parallel regions carry what a learner sees change:
 * - `userAuth`: `noUsers` (out-of-box: no user authentication settings, so no Secure Comm),
 *   `administered` (users stored, at least one administrator) and `noAdministrator` (users
 *   stored but nobody may manage them: only Restart Unit to out-of-box recovers, §2-3-1).
 * - `filter`: `notUsed` / `used` (§2-2-1); the rule table is kept in both.
 *
 * Every event that would break a rule is refused: the snapshot stays as it was except
 * `lastError`, which says what was wrong and how to fix it. An accepted change clears it.
 * Deterministic: every time comes in with an event (the CPU clock), nothing reads the host clock.
 */
import { assign, initialTransition, type SnapshotFrom, setup } from 'xstate';
import type { EipSettings, FilterRule, FtpLogin, OperationKind, PortSettings, Role, UserAccount } from '../model.ts';
import { isAdministrator, authenticate, eventProblem } from './eip-validation.ts';
import { outOfBoxSettings, applyEvent, contextFrom } from './eip-state.ts';

// The EIP21S surface in one place: callers import from this file; eip-validation, eip-filter,
// eip-labels and eip-state are its parts.
export { isIsoDateTime } from '../cpu/clock.ts';
export {
  authenticate,
  COMMUNITY_PATTERN,
  eventProblem,
  FACTORY_FTP_LOGIN,
  FILTER_TABLE_SIZE,
  FTP_NO_LOCKOUT,
  FTP_PASSWORD_PATTERN,
  FTP_USER_PATTERN,
  ftpLoginCheck,
  ftpLoginProblem,
  LOG_CAPACITY,
  MAX_USERS,
  USER_NAME_PATTERN,
} from './eip-validation.ts';
export { type FilterBasis, type FilterVerdict, filterVerdict, type LockoutWarning, lockoutWarning, parseRule } from './eip-filter.ts';
export { PORT_LABELS, PROTOCOL_LABELS } from './eip-labels.ts';
export { outOfBoxSettings, settingsOf, validateEipSettings } from './eip-state.ts';

/** The two EtherNet/IP Units with security functions. */
export type Eip21sModel = 'CS1W-EIP21S' | 'CJ1W-EIP21S';

/** What the machine starts from. */
export interface Eip21sInput {
  model: Eip21sModel;
  /** Settings as stored in the unit; validate them first with `validateEipSettings`. */
  settings: EipSettings;
}

/** One line of the operation log (§2-6-1). */
export interface OperationLogEntry {
  /** ISO date-time from the CPU Unit's clock (§2-6-1: the log takes its time from the CPU). */
  at: string;
  /** Source IP address of the Support Software's PC. */
  ip: string;
  /** User name given; null when the connection offered none. */
  user: string | null;
  /** What was attempted; 'authentication' for a failed log-in (ASSUMPTION: failures are logged). */
  operation: OperationKind | 'authentication';
  result: 'success' | 'failure';
  /** Why it failed, or what was changed. */
  detail?: string;
}

/** A Secure Comm session opened by a successful authentication (§2-1-1, §2-3-1). */
export interface Session {
  user: string;
  role: Role;
  /** CPU clock time the session was opened. */
  openedAt: string;
}

/** The outcome of the last authentication attempt. */
export type AuthResult =
  | { ok: true; ip: string; user: string; role: Role; at: string }
  | { ok: false; ip: string; user: string; reason: string; at: string };

/** §2-6-1 "things that you should do": the unit sets the CPU clock from an SNTP server. */
export interface ClockAutoAdjust {
  enabled: boolean;
  /** SNTP server address; '' when not set. */
  server: string;
  /** The last corrected time for the CPU, numbered so the rack forwards each one once. */
  correction: { at: string; seq: number } | null;
}

/** The machine's context. */
export interface Eip21sContext extends Required<EipSettings> {
  model: Eip21sModel;
  /** The FTP server's login (FACTORY_FTP_LOGIN until changed). */
  ftpLogin: FtpLogin;
  /**
   * User authentication settings have been written to the unit since it left the factory. Stays
   * true when the last user is deleted: only the out-of-box restart clears it (§2-3-1, §4-1-2).
   */
  userSettingsStored: boolean;
  /** Open Secure Comm sessions keyed by the PC's source IP address. */
  sessions: Record<string, Session>;
  /** §2-6-1: oldest first, at most LOG_CAPACITY entries. */
  log: OperationLogEntry[];
  clock: ClockAutoAdjust;
  lastAuth: AuthResult | null;
  /** Why the last refused event was refused; null after an accepted change. */
  lastError: string | null;
}

/** Everything the unit reacts to. */
export type Eip21sEvent =
  | { type: 'users.added'; user: UserAccount }
  | { type: 'users.removed'; name: string }
  | { type: 'users.roleChanged'; name: string; role: Role }
  | { type: 'users.passwordChanged'; name: string; password: string }
  /** A PC tries to go online over Secure Comm (§2-3-1); `at` is the CPU clock. */
  | { type: 'auth.attempted'; ip: string; user: string; password: string; at: string }
  | { type: 'session.closed'; ip: string }
  | { type: 'filter.ruleAdded'; rule: FilterRule }
  | { type: 'filter.ruleRemoved'; rule: FilterRule }
  | { type: 'filter.enabled' }
  | { type: 'filter.disabled' }
  | { type: 'ports.set'; port: keyof PortSettings; use: boolean }
  | { type: 'snmp.communitySet'; community: string }
  /** Sets the FTP server's login name and password (stored in the unit's settings). */
  | { type: 'ftp.loginSet'; login: FtpLogin }
  | { type: 'log.recorded'; entry: OperationLogEntry }
  | { type: 'clock.autoAdjustSet'; enabled: boolean; server: string }
  /** The SNTP server answered the unit's time request with `serverTime`. */
  | { type: 'clock.sntpReplied'; serverTime: string }
  /** §4-1-2: Restart Unit; `outOfBox` returns every setting to the defaults first. */
  | { type: 'unit.restarted'; outOfBox: boolean };

/** The top-level states of the user-authentication region. */
export type UserAuthState = 'noUsers' | 'administered' | 'noAdministrator';

/** A read-only picture of the unit for the request checks and the views. */
export interface EipView {
  readonly model: Eip21sModel;
  readonly ip: string;
  readonly finsNode: number;
  readonly userAuth: UserAuthState;
  readonly users: readonly Readonly<UserAccount>[];
  readonly filter: { readonly enabled: boolean; readonly rules: readonly Readonly<FilterRule>[] };
  readonly ports: Readonly<PortSettings>;
  readonly snmpCommunity: string;
  readonly ftpLogin: Readonly<FtpLogin>;
  /** §2-1-1 condition 3: user authentication settings are stored in the unit. */
  readonly secureCommAvailable: boolean;
  readonly sessions: Readonly<Record<string, Readonly<Session>>>;
  readonly log: readonly Readonly<OperationLogEntry>[];
  readonly clock: Readonly<ClockAutoAdjust>;
  readonly lastAuth: Readonly<AuthResult> | null;
  readonly lastError: string | null;
}

// ——— the machine ———

const NO_ADMINISTRATOR =
  'No user has administrator authority, so users can no longer be added, removed or changed (§2-3-1). Only Restart Unit to the out-of-box configuration recovers the unit, and it erases every setting.';

/** The EIP21S unit (§2-1-1 to §2-6-1, §4-1-2). */
export const eip21sMachine = setup({
  types: {
    context: {} as Eip21sContext,
    events: {} as Eip21sEvent,
    input: {} as Eip21sInput,
  },
  guards: {
    invalid: ({ context, event }) => eventProblem(context, event) !== null,
    neverConfigured: ({ context }) => !context.userSettingsStored,
    hasAdministrator: ({ context }) => context.users.some(isAdministrator),
    filterSettingOn: ({ context }) => context.filter.enabled,
    isAdministratorAdded: ({ event }) => event.type === 'users.added' && event.user.role === 'administrator',
    leavesNoAdministrator: ({ context, event }) => {
      if (event.type === 'users.removed') return !context.users.some((u) => isAdministrator(u) && u.name !== event.name);
      if (event.type === 'users.roleChanged' && event.role !== 'administrator') {
        return !context.users.some((u) => isAdministrator(u) && u.name !== event.name);
      }
      return false;
    },
    authSucceeds: ({ context, event }) =>
      event.type === 'auth.attempted' && authenticate(context.users, { user: event.user, password: event.password }).ok,
    outOfBox: ({ event }) => event.type === 'unit.restarted' && event.outOfBox,
  },
  actions: {
    apply: assign(({ context, event }) => applyEvent(context, event)),
    refuse: assign({ lastError: ({ context, event }) => eventProblem(context, event) }),
    refuseNoAdministrator: assign({ lastError: NO_ADMINISTRATOR }),
    refuseFirstUser: assign({
      lastError: 'The first user registered must have administrator authority, or nobody could manage users afterwards (§2-3-1).',
    }),
    openSession: assign(({ context, event }) => {
      if (event.type !== 'auth.attempted') return {};
      const found = authenticate(context.users, { user: event.user, password: event.password });
      if (!found.ok) return {};
      const session: Session = { user: found.user.name, role: found.user.role, openedAt: event.at };
      return {
        sessions: { ...context.sessions, [event.ip]: session },
        lastAuth: { ok: true, ip: event.ip, user: event.user, role: found.user.role, at: event.at } as const,
      };
    }),
    recordAuthFailure: assign(({ context, event }) => {
      if (event.type !== 'auth.attempted') return {};
      const found = authenticate(context.users, { user: event.user, password: event.password });
      const reason = found.ok ? 'authentication failure' : `authentication failure: ${found.reason}`;
      return { lastAuth: { ok: false, ip: event.ip, user: event.user, reason, at: event.at } as const };
    }),
    // §4-1-2: out-of-box erases users, filter, ports, log and sessions; the node number stays.
    wipe: assign(({ context }) => contextFrom(context.model, outOfBoxSettings(context.finsNode))),
    // A plain restart ends every session but keeps the stored settings and log.
    closeSessions: assign({ sessions: {}, lastError: null }),
  },
}).createMachine({
  id: 'eip21s',
  type: 'parallel',
  context: ({ input }) => contextFrom(input.model, input.settings),
  on: {
    'unit.restarted': [
      { guard: 'outOfBox', target: ['.userAuth.booting', '.filter.booting'], reenter: true, actions: 'wipe' },
      { target: ['.userAuth.booting', '.filter.booting'], reenter: true, actions: 'closeSessions' },
    ],
    'session.closed': [{ guard: 'invalid', actions: 'refuse' }, { actions: 'apply' }],
    // §2-2-2: each TCP/IP function set to Use / Not use.
    'ports.set': [{ guard: 'invalid', actions: 'refuse' }, { actions: 'apply' }],
    // §2-2-2 note: SNMP requests must carry this community name.
    'snmp.communitySet': [{ guard: 'invalid', actions: 'refuse' }, { actions: 'apply' }],
    // §1-6: the FTP server's own login; it has no password lock, so nothing counts failures.
    'ftp.loginSet': [{ guard: 'invalid', actions: 'refuse' }, { actions: 'apply' }],
    // §2-6-1: operations over Secure Comm are recorded.
    'log.recorded': [{ guard: 'invalid', actions: 'refuse' }, { actions: 'apply' }],
    // §2-6-1: the log's times come from the CPU clock, so keep it right automatically.
    'clock.autoAdjustSet': [{ guard: 'invalid', actions: 'refuse' }, { actions: 'apply' }],
    'clock.sntpReplied': [{ guard: 'invalid', actions: 'refuse' }, { actions: 'apply' }],
  },
  states: {
    userAuth: {
      initial: 'booting',
      states: {
        booting: {
          always: [
            { guard: 'neverConfigured', target: 'noUsers' },
            { guard: 'hasAdministrator', target: 'administered' },
            { target: 'noAdministrator' },
          ],
        },
        // §2-1-1 condition 3: without stored users there is no Secure Comm.
        noUsers: {
          on: {
            'users.added': [
              { guard: 'invalid', actions: 'refuse' },
              { guard: 'isAdministratorAdded', target: 'administered', actions: 'apply' },
              { actions: 'refuseFirstUser' },
            ],
            'users.removed': { actions: 'refuse' },
            'users.roleChanged': { actions: 'refuse' },
            'users.passwordChanged': { actions: 'refuse' },
            'auth.attempted': { actions: 'recordAuthFailure' },
          },
        },
        administered: {
          on: {
            'users.added': [{ guard: 'invalid', actions: 'refuse' }, { actions: 'apply' }],
            // §2-3-1: losing the last administrator is allowed, and it locks user management.
            'users.removed': [
              { guard: 'invalid', actions: 'refuse' },
              { guard: 'leavesNoAdministrator', target: 'noAdministrator', actions: 'apply' },
              { actions: 'apply' },
            ],
            'users.roleChanged': [
              { guard: 'invalid', actions: 'refuse' },
              { guard: 'leavesNoAdministrator', target: 'noAdministrator', actions: 'apply' },
              { actions: 'apply' },
            ],
            'users.passwordChanged': [{ guard: 'invalid', actions: 'refuse' }, { actions: 'apply' }],
            'auth.attempted': [{ guard: 'authSucceeds', actions: 'openSession' }, { actions: 'recordAuthFailure' }],
          },
        },
        // §2-3-1: nobody may manage users any more; existing users still log in and change
        // their own passwords (§2-4-1 gives every role that right).
        noAdministrator: {
          on: {
            'users.added': { actions: 'refuseNoAdministrator' },
            'users.removed': { actions: 'refuseNoAdministrator' },
            'users.roleChanged': { actions: 'refuseNoAdministrator' },
            'users.passwordChanged': [{ guard: 'invalid', actions: 'refuse' }, { actions: 'apply' }],
            'auth.attempted': [{ guard: 'authSucceeds', actions: 'openSession' }, { actions: 'recordAuthFailure' }],
          },
        },
      },
    },
    filter: {
      initial: 'booting',
      on: {
        'filter.ruleAdded': [{ guard: 'invalid', actions: 'refuse' }, { actions: 'apply' }],
        'filter.ruleRemoved': [{ guard: 'invalid', actions: 'refuse' }, { actions: 'apply' }],
      },
      states: {
        booting: { always: [{ guard: 'filterSettingOn', target: 'used' }, { target: 'notUsed' }] },
        notUsed: { on: { 'filter.enabled': { target: 'used', actions: 'apply' } } },
        used: { on: { 'filter.disabled': { target: 'notUsed', actions: 'apply' } } },
      },
    },
  },
});

/** A snapshot of the EIP21S machine. */
export type Eip21sSnapshot = SnapshotFrom<typeof eip21sMachine>;

function userAuthOf(snapshot: Eip21sSnapshot): UserAuthState {
  const value = (snapshot.value as { userAuth?: string }).userAuth;
  if (value === 'noUsers' || value === 'administered' || value === 'noAdministrator') return value;
  // 'booting' never lasts past a macrostep; derive it the same way for completeness.
  const c = snapshot.context;
  if (!c.userSettingsStored) return 'noUsers';
  return c.users.some(isAdministrator) ? 'administered' : 'noAdministrator';
}

/** A plain read-only view of a snapshot for the request checks (machines/eip/eip-checks.ts). */
export function eipView(snapshot: Eip21sSnapshot): EipView {
  const c = snapshot.context;
  return {
    model: c.model,
    ip: c.ip,
    finsNode: c.finsNode,
    userAuth: userAuthOf(snapshot),
    users: c.users,
    filter: c.filter,
    ports: c.ports,
    snmpCommunity: c.snmpCommunity,
    ftpLogin: c.ftpLogin,
    secureCommAvailable: c.users.length > 0,
    sessions: c.sessions,
    log: c.log,
    clock: c.clock,
    lastAuth: c.lastAuth,
    lastError: c.lastError,
  };
}

/** The view of a unit freshly started from settings (handy for widgets and tests). */
export function eipViewFromSettings(settings: EipSettings, model: Eip21sModel = 'CJ1W-EIP21S'): EipView {
  const [snapshot] = initialTransition(eip21sMachine, { model, settings });
  return eipView(snapshot);
}

/**
 * §2-6-1: the corrected time the unit wants written to the CPU clock, numbered so the rack
 * forwards each correction once; null until the SNTP server has answered.
 */
export function clockCorrection(unit: { clock: ClockAutoAdjust }): { at: string; seq: number } | null {
  return unit.clock.enabled ? unit.clock.correction : null;
}

