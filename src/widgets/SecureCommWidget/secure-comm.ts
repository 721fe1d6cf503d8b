/**
 * Lesson 5's racks and the §2-1-1 conditions for Secure Comm as a checklist. The verdicts come
 * from machines/catalog/catalog.ts (secureCommPossibility: conditions 1 and the counter-examples a–d)
 * and from the EIP21S view (condition 3: user settings stored).
 */
import { secureCommPossibility } from '../../../machines/catalog/catalog.ts';
import type { LocalPort, RackConfig } from '../../../machines/model.ts';
import type { RackView } from '../../../machines/request-path/request-path.ts';
import { scenarioRack } from '../kit/scenarios.ts';

/** A rack the learner can pick in lesson 5. */
export interface RackChoice {
  id: string;
  label: string;
  config: RackConfig;
}

/** Lesson 5's racks; every EIP21S starts out of the box, with no users stored. */
export const SECURE_COMM_RACKS: readonly RackChoice[] = [
  { id: 'cj2h-eip21s', label: 'CJ2H with a CJ1W-EIP21S', config: scenarioRack({ users: [] }) },
  { id: 'cs1-eip21s', label: 'CS1G/H with a CS1W-EIP21S', config: scenarioRack({ cpu: 'CS1G/H', users: [] }) },
  { id: 'cp1h-eip21s', label: 'CP1H with a CJ1W-EIP21S', config: scenarioRack({ cpu: 'CP1H', users: [] }) },
  { id: 'cj2h-eip21', label: 'CJ2H with a CJ1W-EIP21 (no S)', config: scenarioRack({ unit: 'CJ1W-EIP21', users: [] }) },
  { id: 'cj2m-builtin', label: 'CJ2M with only its built-in EtherNet/IP port', config: scenarioRack({ cpu: 'CJ2M-EIP', unit: null }) },
];

/** One line of the checklist. */
export interface ConditionLine {
  /** "Connection", "Tool", "User settings". */
  name: string;
  /** null = not something the simulator checks (the tool the learner would use). */
  met: boolean | null;
  text: string;
}

/** Whether Secure Comm can work for this rack and connection, and why, condition by condition (§2-1-1). */
export function secureCommChecklist(view: RackView, via: 'network' | LocalPort): { possible: boolean; lines: ConditionLine[] } {
  const hardware = secureCommPossibility(view.cpu.model, view.unit?.model, via);
  const eip = view.unit?.eip ?? null;
  const usersStored = eip?.secureCommAvailable ?? false;
  const lines: ConditionLine[] = [
    { name: 'Connection', met: hardware.possible, text: hardware.possible ? "Over the EIP21S's own Ethernet network, to a rack that supports it." : hardware.reason },
    {
      name: 'Tool',
      met: null,
      text: 'CX-Programmer, the PLC Backup Tool or the EIP21S User Management Tool makes the connection (the simulator assumes CX-Programmer).',
    },
    {
      name: 'User settings',
      met: usersStored,
      text: eip
        ? usersStored
          ? `${eip.users.length} users are stored in the ${eip.model}.`
          : `No user authentication settings are stored in the ${eip.model} yet.`
        : 'There is no EIP21S to store user settings in.',
    },
  ];
  return { possible: hardware.possible && usersStored, lines };
}
