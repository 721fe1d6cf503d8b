/**
 * Starting racks for the lessons' "try it" widgets: a CPU Unit and (usually) an EIP21S, built
 * as RackConfig so that createRack (machines/request-path/rack.ts) runs them. Every option a lesson needs is
 * a parameter; the defaults describe one ordinary plant, so widgets on different pages behave
 * alike unless a lesson changes something on purpose.
 */
import type {
  CommUnitId,
  CpuModelId,
  CpuSettings,
  EipSettings,
  FilterRule,
  FtpLogin,
  OperatingMode,
  PortSettings,
  RackConfig,
  Role,
  UserAccount,
} from '../../../machines/model.ts';
import { unprotectedSettings } from '../../../machines/cpu/cpu-state.ts';
import { UNIT_ADDRESS } from './nodes.ts';

/** The CPU clock every scenario starts at (a Monday morning). */
export const SCENARIO_CLOCK = '2026-03-02T09:00:00Z';

/** The production lot number of the scenario CPU (the guideline's W473 example, 080620). */
export const SCENARIO_LOT = '080620';

/** The PLC name registered in scenario CJ CPUs (§2-3-2). */
export const SCENARIO_PLC_NAME = 'MIXER_LINE_2';

/**
 * One user per operation authority (§2-3-1, §2-4-1). The passwords meet the course's password
 * rule (machines/eip/password-policy.ts, §1-6); they are printed in the lessons on purpose — this
 * is a simulator, and the learner needs them to log in.
 */
export const PLANT_USERS: readonly UserAccount[] = [
  { name: 'aiko', role: 'administrator', password: 'Kestrel#2026' },
  { name: 'dmitri', role: 'designer', password: 'Ladder!Plan9' },
  { name: 'mei', role: 'maintainer', password: 'Wrench&Oil42' },
  { name: 'omar', role: 'operator', password: 'Panel-Shift7' },
  { name: 'olga', role: 'observer', password: 'Watch*Tower3' },
];

/** The scenario user with this role; throws when the list has none. */
export function userWithRole(role: Role, users: readonly UserAccount[] = PLANT_USERS): UserAccount {
  const user = users.find((u) => u.role === role);
  if (!user) throw new Error(`No scenario user has the ${role} role: add one to the users list.`);
  return user;
}

/** Every TCP/IP function set to Use: the unit as it leaves the factory (an assumption of eip21s.machine.ts). */
export const ALL_PORTS_OPEN: Readonly<PortSettings> = {
  cipMessageServer: true,
  finsUdp: true,
  finsTcp: true,
  ftpServer: true,
  snmp: true,
};

/** The scenario's SNMP community name (§2-2-2 note). */
export const SCENARIO_COMMUNITY = 'plant-ro';

/**
 * The scenario's FTP login (§1-6): the plant kept the factory login name and gave it a short
 * password made of the line's name, so lesson 7 can show a guessing attack find it. The FTP
 * server has no password lock, so nothing stops the guessing.
 */
export const SCENARIO_FTP_LOGIN: Readonly<FtpLogin> = { user: 'CONFIDENTIAL', password: 'mixer2' };

/** What a lesson may change about the standard scenario rack. */
export interface ScenarioOptions {
  /** CPU model; default CJ2H. */
  cpu?: CpuModelId;
  /** Communication unit; default the EIP21S of the CPU's series (CJ1W for CJ and CP1H). null = none. */
  unit?: CommUnitId | null;
  /** Users stored in the EIP21S; default PLANT_USERS. An empty list = out-of-box, no Secure Comm. */
  users?: readonly UserAccount[];
  /** IP packet filter; default not used, empty table. */
  filter?: { enabled: boolean; rules: readonly FilterRule[] };
  /** Port switches to change from all-Use. */
  ports?: Partial<PortSettings>;
  /** The FTP server's login; default SCENARIO_FTP_LOGIN. */
  ftpLogin?: FtpLogin;
  /** Operating mode; default RUN. */
  mode?: OperatingMode;
  /** CPU clock at start; default SCENARIO_CLOCK. */
  clock?: string;
}

/** The EIP21S a CPU model takes by default: CS1W for CS, CJ1W for CJ and the CP1H (§1-5). */
export function defaultUnitFor(cpu: CpuModelId): CommUnitId | null {
  if (cpu.startsWith('CS')) return 'CS1W-EIP21S';
  if (cpu.startsWith('CJ') || cpu === 'CP1H') return 'CJ1W-EIP21S';
  return null;
}

function cpuSettings(cpu: CpuModelId, mode: OperatingMode): CpuSettings {
  return {
    // §2-3-2: only CJ CPUs register a PLC name.
    plcName: cpu.startsWith('CJ') ? SCENARIO_PLC_NAME : null,
    ...unprotectedSettings(),
    program: {
      tasks: [
        { id: 0, name: 'Mixer control', code: 'LD 0.00\nAND NOT 0.01\nOUT 100.00' },
        { id: 1, name: 'Recipe handling', code: 'MOV D100 D200' },
      ],
      lotGuard: null,
    },
    mode,
  };
}

function eipSettings(options: ScenarioOptions): EipSettings {
  return {
    ip: UNIT_ADDRESS.ip,
    finsNode: UNIT_ADDRESS.finsNode,
    users: (options.users ?? PLANT_USERS).map((u) => ({ ...u })),
    filter: {
      enabled: options.filter?.enabled ?? false,
      rules: (options.filter?.rules ?? []).map((r) => ({ ...r })),
    },
    ports: { ...ALL_PORTS_OPEN, ...options.ports },
    snmpCommunity: SCENARIO_COMMUNITY,
    ftpLogin: { ...(options.ftpLogin ?? SCENARIO_FTP_LOGIN) },
  };
}

/**
 * The standard scenario rack: a CJ2H with a CJ1W-EIP21S holding one user per authority, the
 * filter not used, every port set to Use, the CPU in RUN. Options change one thing at a time.
 */
export function scenarioRack(options: ScenarioOptions = {}): RackConfig {
  const cpu = options.cpu ?? 'CJ2H';
  const unit = options.unit === undefined ? defaultUnitFor(cpu) : options.unit;
  const config: RackConfig = {
    cpu: {
      model: cpu,
      lotNumber: SCENARIO_LOT,
      clock: options.clock ?? SCENARIO_CLOCK,
      settings: cpuSettings(cpu, options.mode ?? 'RUN'),
    },
  };
  if (unit) config.unit = { model: unit, settings: eipSettings(options) };
  return config;
}
