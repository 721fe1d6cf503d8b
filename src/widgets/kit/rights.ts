/**
 * The operation-authority rights table for lesson 10, read from machines/eip/operation-authority.ts
 * (RIGHTS, RIGHTS_BASIS, OPERATION_LABELS): one row per operation, one column per role, and
 * which columns are the simulator's assumption rather than the guideline's (§2-4-1).
 */
import { type Role, ROLES } from '../../../machines/model.ts';
import type { OperationKind } from '../../../machines/model.ts';
import { mayPerform, OPERATION_KINDS, OPERATION_LABELS, RIGHTS_BASIS } from '../../../machines/eip/operation-authority.ts';

/** Operations that never travel over Secure Comm, so no role lists them (see operation-authority.ts). */
const NOT_OVER_SECURE_COMM: ReadonlySet<OperationKind> = new Set<OperationKind>(['snmp.get', 'tags.exchange']);

/** One column of the rights table. */
export interface RightsColumn {
  role: Role;
  /** True when the guideline does not define the role and the simulator chose its rights. */
  assumed: boolean;
}

/** One row of the rights table. */
export interface RightsRow {
  kind: OperationKind;
  label: string;
  /** May each role (in column order) perform it? */
  allowed: boolean[];
}

/** The rights table, operations in the order of OPERATION_LABELS, roles from most to least powerful. */
export function rightsTable(): { columns: RightsColumn[]; rows: RightsRow[] } {
  const columns = ROLES.map((role) => ({ role, assumed: RIGHTS_BASIS[role] === 'assumption' }));
  const rows = OPERATION_KINDS.filter((k) => !NOT_OVER_SECURE_COMM.has(k)).map((kind) => ({
    kind,
    label: OPERATION_LABELS[kind],
    allowed: ROLES.map((role) => mayPerform(role, kind)),
  }));
  return { columns, rows };
}

/** The roles whose rights are the simulator's assumption, e.g. ["maintainer", "observer"]. */
export function assumedRoles(): Role[] {
  return ROLES.filter((r) => RIGHTS_BASIS[r] === 'assumption');
}
