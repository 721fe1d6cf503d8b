import { describe, expect, it } from 'vitest';
import { ROLES } from '../../../machines/model.ts';
import { mayPerform } from '../../../machines/eip/operation-authority.ts';
import { assumedRoles, rightsTable } from './rights.ts';

describe('rights table', () => {
  it('§2-4-1 every cell is what the machines allow', () => {
    const { columns, rows } = rightsTable();
    expect(columns.map((c) => c.role)).toEqual(ROLES);
    for (const row of rows) {
      expect(row.allowed, row.kind).toEqual(ROLES.map((r) => mayPerform(r, row.kind)));
    }
  });

  it('§2-4-1 operators never write; only administrators manage users', () => {
    const { rows } = rightsTable();
    const col = (role: string) => ROLES.indexOf(role as (typeof ROLES)[number]);
    const download = rows.find((r) => r.kind === 'program.write');
    expect(download?.allowed[col('operator')]).toBe(false);
    const manage = rows.find((r) => r.kind === 'users.manage');
    expect(manage?.allowed.filter(Boolean)).toHaveLength(1);
    expect(manage?.allowed[col('administrator')]).toBe(true);
  });

  it('marks the roles the guideline does not define as assumptions', () => {
    expect(assumedRoles()).toEqual(['maintainer', 'observer']);
    expect(rightsTable().columns.filter((c) => c.assumed).map((c) => c.role)).toEqual(['maintainer', 'observer']);
  });
});
