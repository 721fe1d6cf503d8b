/**
 * Shared arrangements for the rack and request-path tests: a CJ2H with a CJ1W-EIP21S and three
 * users, every protection off, plus the nodes of a small plant and request builders.
 */
import type { CpuSettings, EipSettings, Operation, Origin, Program, RackConfig, Request, UserAccount } from '../../machines/model.ts';
import { createRack, type Rack } from '../../machines/request-path/rack.ts';
import { cpuSettings, ENGINEERING_PC, LOT, PROGRAM, ROGUE_LAPTOP, SCADA, START_CLOCK, USB_CABLE } from './cpu-fixtures.ts';

export { cpuSettings, ENGINEERING_PC, LOT, PROGRAM, ROGUE_LAPTOP, SCADA, START_CLOCK, USB_CABLE };

export const ADA: UserAccount = { name: 'ada', role: 'administrator', password: 'Adm1n-pass' };
export const DEV: UserAccount = { name: 'dev', role: 'designer', password: 'Des1gn-pass' };
export const OLLY: UserAccount = { name: 'olly', role: 'operator', password: 'Op3rator-pass' };

/** The operator's panel PC. */
export const OPERATOR_PC: Origin = { via: 'network', name: 'Operator panel', ip: '192.168.250.20', finsNode: 20 };

/** The unit's settings: three users, filter not used, every port open. */
export function eipSettings(overrides: Partial<EipSettings> = {}): EipSettings {
  return {
    ip: '192.168.250.1',
    finsNode: 1,
    users: [ADA, DEV, OLLY],
    filter: { enabled: false, rules: [] },
    ports: { cipMessageServer: true, finsUdp: true, finsTcp: true, ftpServer: true, snmp: true },
    snmpCommunity: 'plant-ro',
    ...overrides,
  };
}

/** A rack configuration: CJ2H + CJ1W-EIP21S unless told otherwise. */
export function rackConfig(
  options: {
    model?: RackConfig['cpu']['model'];
    lotNumber?: string;
    clock?: string;
    cpu?: Partial<CpuSettings>;
    unit?: RackConfig['unit'] | null;
    eip?: Partial<EipSettings>;
  } = {},
): RackConfig {
  const unit = options.unit === undefined ? { model: 'CJ1W-EIP21S' as const, settings: eipSettings(options.eip) } : options.unit;
  return {
    cpu: {
      model: options.model ?? 'CJ2H',
      lotNumber: options.lotNumber ?? LOT,
      clock: options.clock ?? START_CLOCK,
      settings: cpuSettings(options.cpu),
    },
    ...(unit ? { unit } : {}),
  };
}

/** A running rack; stop it at the end of the test. */
export function rack(options: Parameters<typeof rackConfig>[0] = {}): Rack {
  return createRack(rackConfig(options));
}

/** A FINS/UDP request from a network node, or a local-port request (no protocol). */
export function fins(from: Origin, operation: Operation, extra: Partial<Request> = {}): Request {
  return { from, operation, ...(from.via === 'network' ? { protocol: 'fins-udp' as const } : {}), ...extra };
}

/** A Secure Comm request as `user` (their real password unless one is given). */
export function secure(from: Origin, user: UserAccount, operation: Operation, password = user.password): Request {
  return { from, protocol: 'secure-comm', credentials: { user: user.name, password }, operation };
}

/** A copy of PROGRAM with another code in task 0 and an optional lot-number guard. */
export function editedProgram(code = 'LD P_On\nOUT 100.02', lotGuard: string | null = null): Program {
  return {
    tasks: PROGRAM.tasks.map((t) => (t.id === 0 ? { ...t, code } : { ...t })),
    lotGuard,
  };
}

export const READ_D100: Operation = { kind: 'memory.read', area: 'D', address: 100, count: 2 };
export const WRITE_D100: Operation = { kind: 'memory.write', area: 'D', address: 100, values: [1234, 42] };
