/**
 * The everyday traffic of the scenario plant, as labelled requests the widgets evaluate side by
 * side: what keeps working and what stops when a lesson changes a setting. Pure data built from
 * the scenario nodes, users and presets.
 */
import type { PortSettings, Request } from '../../../machines/model.ts';
import type { LabelledRequest } from './compare.ts';
import { ENGINEERING_PC, HMI, type SimNode } from './nodes.ts';
import { OPERATION_PRESETS } from './requests.ts';
import { SCENARIO_COMMUNITY, SCENARIO_FTP_LOGIN, userWithRole } from './scenarios.ts';

function from(node: SimNode): Request['from'] {
  return node.origin;
}

/** The designer's log-in, as CX-Programmer would send it over Secure Comm. */
export function designerCredentials(): { user: string; password: string } {
  const u = userWithRole('designer');
  return { user: u.name, password: u.password };
}

/**
 * One request per way into the EIP21S (§2-2-2): FINS/UDP and FINS/TCP from the HMI and the
 * engineering PC, a tag data link, FTP with the plant's FTP login, SNMP with the right community, and CX-Programmer over
 * Secure Comm.
 */
export function plantTraffic(): LabelledRequest[] {
  const read = OPERATION_PRESETS.readD100.operation;
  return [
    { label: 'HMI reads D100 over FINS/UDP', request: { from: from(HMI), protocol: 'fins-udp', operation: read } },
    { label: 'Engineering PC reads D100 over FINS/TCP', request: { from: from(ENGINEERING_PC), protocol: 'fins-tcp', operation: read } },
    { label: 'HMI exchanges tag data (tag data link)', request: { from: from(HMI), protocol: 'cip-io', operation: OPERATION_PRESETS.tagData.operation } },
    {
      label: 'Engineering PC reads a file over FTP',
      request: { from: from(ENGINEERING_PC), protocol: 'ftp', operation: OPERATION_PRESETS.readFile.operation, credentials: { ...SCENARIO_FTP_LOGIN } },
    },
    {
      label: 'Engineering PC reads SNMP data',
      request: { from: from(ENGINEERING_PC), protocol: 'snmp', operation: OPERATION_PRESETS.snmpGet.operation, community: SCENARIO_COMMUNITY },
    },
    {
      label: 'CX-Programmer reads D100 over Secure Comm',
      request: { from: from(ENGINEERING_PC), protocol: 'secure-comm', operation: read, credentials: designerCredentials() },
    },
  ];
}

/** §2-2-2 application example: every TCP/IP function set to Not use, so only Secure Comm with CX-Programmer remains. */
export const SECURE_COMM_ONLY: Readonly<PortSettings> = {
  cipMessageServer: false,
  finsUdp: false,
  finsTcp: false,
  ftpServer: false,
  snmp: false,
};
