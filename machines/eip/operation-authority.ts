/**
 * Operation authority of EIP21S users (§2-4-1): which operations each role may perform once
 * authenticated over Secure Comm.
 *
 * What the guideline gives (§2-4-1 table):
 * - Administrator: everything a designer may do in the CX-Programmer and PLC Backup Tool, plus
 *   adding and deleting users and changing their authority (EIP21S User Management Tool).
 * - Designer: check the user list, change their own password, almost all CX-Programmer
 *   operations, all PLC Backup Tool operations.
 * - Operator: change their own password; read data from the PLC; never write to it.
 *
 * ASSUMPTIONS (the guideline names maintainer and observer but does not define them):
 * - "Almost all" for designers: the one CX-Programmer operation a designer may not perform over
 *   the network is Restart Unit to the out-of-box configuration (`unit.restart`). §4-1-2 has it
 *   done from a local port of the CPU Unit, and it erases every user; since administrators get
 *   "the same operations as designers" in the CX-Programmer, nobody may do it over Secure Comm.
 * - Maintainer: everything an operator may do, plus writing I/O memory, changing the operating
 *   mode, setting the clock, reading the operation log. No program, parameter or file writes,
 *   no Memory All Clear, no user list.
 * - Observer: monitoring only: controller data, I/O memory, clock, PLC name and error log.
 *   No program upload, no parameters, no files. An observer may still change their own
 *   password, because §1-6 asks every user to change theirs periodically.
 * - Operator: "get data from the PLC" is read as every read the CX-Programmer offers,
 *   including program upload and files, but not the operation log or the user list.
 * - SNMP and tag data links never travel over Secure Comm, so no role lists them.
 */

import type { OperationKind, Role } from '../model.ts';

/** Every operation kind in plain words, for trace reasons and tables. */
export const OPERATION_LABELS: Readonly<Record<OperationKind, string>> = {
  'controller.read': 'read controller data',
  'memory.read': 'read I/O memory',
  'memory.write': 'write I/O memory',
  'parameters.read': 'read the PLC Setup and unit parameters',
  'parameters.write': 'write the PLC Setup and unit parameters',
  'program.read': 'upload the user program',
  'program.write': 'download the user program',
  'program.editTasks': 'edit tasks online or download tasks',
  'mode.set': 'change the operating mode',
  'memory.clearAll': 'clear all memory',
  'clock.read': 'read the clock',
  'clock.write': 'set the clock',
  'name.read': 'read the PLC name',
  'errorLog.read': 'read the error log',
  'users.list': 'check the user list',
  'users.manage': 'add or delete users and change their authority',
  'password.changeOwn': 'change their own password',
  'log.read': 'read the operation log',
  'file.read': 'read files',
  'file.write': 'write files',
  'snmp.get': 'read SNMP data',
  'tags.exchange': 'exchange tag data links',
  'unit.restart': 'restart the EtherNet/IP Unit to its out-of-box configuration',
};

/** Every operation kind, in the order of OPERATION_LABELS. */
export const OPERATION_KINDS = Object.keys(OPERATION_LABELS) as OperationKind[];

const OBSERVER: OperationKind[] = ['controller.read', 'memory.read', 'clock.read', 'name.read', 'errorLog.read', 'password.changeOwn'];
const OPERATOR: OperationKind[] = [...OBSERVER, 'parameters.read', 'program.read', 'file.read'];
const MAINTAINER: OperationKind[] = [...OPERATOR, 'memory.write', 'mode.set', 'clock.write', 'log.read'];
const DESIGNER: OperationKind[] = [
  ...MAINTAINER,
  'parameters.write',
  'program.write',
  'program.editTasks',
  'memory.clearAll',
  'file.write',
  'users.list',
];
const ADMINISTRATOR: OperationKind[] = [...DESIGNER, 'users.manage'];

/** §2-4-1 (maintainer and observer: ASSUMPTION, see the module comment): what each role may do. */
export const RIGHTS: Readonly<Record<Role, ReadonlySet<OperationKind>>> = {
  administrator: new Set(ADMINISTRATOR),
  designer: new Set(DESIGNER),
  maintainer: new Set(MAINTAINER),
  operator: new Set(OPERATOR),
  observer: new Set(OBSERVER),
};

/** Whether the guideline defines a role's rights, or the simulator chose them. */
export const RIGHTS_BASIS: Readonly<Record<Role, 'guideline' | 'assumption'>> = {
  administrator: 'guideline',
  designer: 'guideline',
  maintainer: 'assumption',
  operator: 'guideline',
  observer: 'assumption',
};

/** §2-4-1: may a user with this role perform this operation? */
export function mayPerform(role: Role, operationKind: OperationKind): boolean {
  return RIGHTS[role].has(operationKind);
}

const SUMMARY: Readonly<Record<Role, string>> = {
  administrator: 'Administrators may do everything designers may, and also add and delete users and change their authority.',
  designer:
    'Designers may do almost everything in the CX-Programmer and PLC Backup Tool, check the user list and change their own password; they cannot manage users.',
  maintainer:
    'Maintainers may read data, write I/O memory, change the operating mode and set the clock, but not change the program, parameters or files.',
  operator: 'Operators may read data from the PLC and change their own password; they can never write to the PLC.',
  observer: 'Observers may only monitor: controller data, I/O memory, the clock, the PLC name and the error log.',
};

/**
 * A plain-words account of a role's rights (§2-4-1), saying when they are the simulator's
 * assumption rather than the guideline's.
 */
export function rightsExplanation(role: Role): string {
  const refused = OPERATION_KINDS.filter((k) => !mayPerform(role, k) && k !== 'snmp.get' && k !== 'tags.exchange');
  const basis = RIGHTS_BASIS[role] === 'assumption' ? ' (The guideline does not define this role: these rights are the simulator’s assumption.)' : '';
  const never = refused.length === 0 ? '' : ` Not allowed: ${refused.map((k) => OPERATION_LABELS[k]).join(', ')}.`;
  return `${SUMMARY[role]}${never}${basis}`;
}
