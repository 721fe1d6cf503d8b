/**
 * Lesson 19 (safe disposal, §4-1): a rack taken out of service with everything a running line
 * holds, the erasure requests, and lists of what each unit still holds compared with its
 * default state. The erasures themselves happen in the machines (cpu-unit.machine.ts
 * memory.cleared, eip21s.machine.ts unit.restarted); the request path decides who may do them.
 */
import { counted } from '../../../machines/model.ts';
import type { CpuView } from '../../../machines/cpu/cpu-unit.machine.ts';
import { type EipView, outOfBoxSettings, PORT_LABELS } from '../../../machines/eip/eip21s.machine.ts';
import type { PortSettings, RackConfig, Request } from '../../../machines/model.ts';
import type { RackView } from '../../../machines/request-path/request-path.ts';
import { ENGINEERING_PC, HMI, USB_LAPTOP } from '../kit/nodes.ts';
import { PLANT_USERS } from '../kit/scenarios.ts';
import { cpuLessonRack } from '../kit/cpu-scenarios.ts';
import { joinWords } from '../../course/function-facts.ts';

/**
 * The rack coming out of service: the scenario CJ2H in RUN with a PLC name, a UM read protection
 * password with the overwrite prohibition and FINS write protection; its EIP21S with three users,
 * the packet filter in use and FTP closed.
 */
export const DISPOSAL_RACK: RackConfig = cpuLessonRack(
  {
    umPassword: 'Mix#Recipe26',
    prohibitOverwrite: true,
    finsWriteProtection: { enabled: true, excludedNodes: [] },
  },
  {
    mode: 'RUN',
    users: PLANT_USERS.slice(0, 3),
    filter: {
      enabled: true,
      rules: [ENGINEERING_PC, HMI].map((n) => ({ ip: n.origin.via === 'network' ? n.origin.ip : '', mask: '255.255.255.255' })),
    },
    ports: { ftpServer: false },
  },
);

/** Where the engineer connects CX-Programmer for a disposal step. */
export type DisposalRoute = 'usb' | 'network';

/** The disposal steps. */
export type DisposalStep = 'program-mode' | 'clear-cpu' | 'restart-unit';

/** The request for a step over a route: USB from the laptop at the panel, or FINS from the engineering PC. */
export function disposalRequest(step: DisposalStep, route: DisposalRoute): Request {
  const operation =
    step === 'program-mode'
      ? ({ kind: 'mode.set', mode: 'PROGRAM' } as const)
      : step === 'clear-cpu'
        ? ({ kind: 'memory.clearAll' } as const)
        : ({ kind: 'unit.restart' } as const);
  if (route === 'usb') return { from: USB_LAPTOP.origin, operation };
  return { from: ENGINEERING_PC.origin, protocol: 'fins-udp', operation };
}

function plural(n: number, word: string): string {
  return counted(n, word);
}

/** What the CPU Unit still holds that Memory All Clear should remove (§4-1-1); empty when it is at its defaults. */
export function cpuRemains(cpu: CpuView): string[] {
  const out: string[] = [];
  const tasks = cpu.program.tasks;
  if (tasks.length > 0) out.push(`User program: ${plural(tasks.length, 'task')} (${tasks.map((t) => t.name).join(', ')})`);
  if (cpu.plcName !== null) out.push(`PLC name "${cpu.plcName}"`);
  if (cpu.protection.umPassword !== null) out.push('UM read protection password');
  const taskIds = Object.keys(cpu.protection.taskPasswords);
  if (taskIds.length > 0) out.push(`Task read protection on ${plural(taskIds.length, 'task')}`);
  if (cpu.finsProtection.enabled) out.push('FINS write protection setting');
  const setup = Object.keys(cpu.parameters);
  if (setup.length > 0) out.push(`PLC Setup: ${plural(setup.length, 'value')}`);
  const words = (['CIO', 'W', 'H', 'D'] as const).reduce((n, area) => n + Object.values(cpu.memory[area]).filter((w) => w !== 0).length, 0);
  if (words > 0) out.push(`I/O memory: ${plural(words, 'non-zero word')}`);
  return out;
}

/** What the EIP21S still holds beyond its out-of-box configuration (§4-1-2); empty when it is back to it. */
export function unitRemains(eip: EipView): string[] {
  const out: string[] = [];
  if (eip.users.length > 0) {
    out.push(`${plural(eip.users.length, 'user account')} with passwords: ${eip.users.map((u) => `${u.name} (${u.role})`).join(', ')}`);
  } else if (eip.userAuth !== 'noUsers') {
    out.push('User authentication settings (no users left, but the settings remain)');
  }
  if (eip.filter.rules.length > 0 || eip.filter.enabled) {
    out.push(`IP packet filter ${eip.filter.enabled ? 'in use' : 'not used'} with ${plural(eip.filter.rules.length, 'rule')}`);
  }
  const factory = outOfBoxSettings(eip.finsNode);
  const changed = (Object.keys(factory.ports) as (keyof PortSettings)[]).filter((p) => eip.ports[p] !== factory.ports[p]);
  if (changed.length > 0) out.push(`Port settings changed: ${joinWords(changed.map((p) => PORT_LABELS[p]))}`);
  if (eip.snmpCommunity !== factory.snmpCommunity) out.push('SNMP community name');
  if (eip.ftpLogin.user !== factory.ftpLogin?.user || eip.ftpLogin.password !== factory.ftpLogin?.password) out.push('FTP login name and password');
  if (eip.log.length > 0) out.push(`Operation log: ${plural(eip.log.length, 'entry')}`.replace('entrys', 'entries'));
  return out;
}

/** The verdict on the whole rack. */
export interface DisposalVerdict {
  cpuErased: boolean;
  /** True also when the rack has no EIP21S. */
  unitErased: boolean;
  ready: boolean;
  text: string;
}

/** Whether the rack may leave the plant: both units back to their defaults (§4-1, note 1). */
export function disposalVerdict(view: RackView): DisposalVerdict {
  const cpuErased = cpuRemains(view.cpu).length === 0;
  const eip = view.unit?.eip ?? null;
  const unitErased = eip === null || unitRemains(eip).length === 0;
  const ready = cpuErased && unitErased;
  let text: string;
  if (ready) text = 'Ready to leave the plant: the CPU Unit and the EIP21S are both back to their defaults.';
  else if (cpuErased) text = 'Not ready: the CPU Unit is erased, but the EIP21S still holds its settings. Restart it to the out-of-box configuration (§4-1-2).';
  else if (unitErased) text = 'Not ready: the EIP21S is erased, but the CPU Unit still holds data. Run Memory All Clear (§4-1-1).';
  else text = 'Not ready: both units still hold data. Clear the CPU Unit (§4-1-1) and restart the EIP21S to out-of-box (§4-1-2).';
  return { cpuErased, unitErased, ready, text };
}
