/** The EIP21S's ports and protocols in the words a learner reads. */

import type { NetworkProtocol, PortSettings } from '../model.ts';

/** Plain names of the TCP/IP functions that can be set to Use / Not use (§2-2-2). */
export const PORT_LABELS: Readonly<Record<keyof PortSettings, string>> = {
  cipMessageServer: 'CIP message server',
  finsUdp: 'FINS/UDP',
  finsTcp: 'FINS/TCP',
  ftpServer: 'FTP server',
  snmp: 'SNMP',
};

/** Plain names of the network protocols. */
export const PROTOCOL_LABELS: Readonly<Record<NetworkProtocol, string>> = {
  'fins-udp': 'FINS/UDP',
  'fins-tcp': 'FINS/TCP',
  cip: 'CIP message',
  'cip-io': 'tag data link',
  ftp: 'FTP',
  snmp: 'SNMP',
  'secure-comm': 'Secure Comm',
  dns: 'DNS',
  sntp: 'SNTP',
};
