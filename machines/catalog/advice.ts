/** When Secure Comm can reach a rack (§2-1-1 a–d), and what to do with a CPU Unit that lacks functions. */

import type { CommUnitId, CpuModelId, FunctionId, LocalPort } from '../model.ts';
import { FUNCTION_IDS } from '../model.ts';
import { CPU_MODELS, COMM_UNITS, checkCombination } from './models.ts';
import { AVAILABILITY, inSentence, tableSection } from './availability.ts';

/** Whether Secure Comm can carry a Support Software connection to this rack. */
export interface SecureCommPossibility {
  possible: boolean;
  reason: string;
  section: '§2-1-1';
}

/**
 * §2-1-1 conditions 1–3 and counter-examples a–d, for a connection made `via` the network or a
 * local port, from the same Ethernet network as the unit or (`sameNetwork` false) from beyond it.
 * Condition 2 (the tool) and condition 3 (users stored in the unit) depend on the unit's
 * settings, which the EIP21S checks itself; the positive answer names them.
 */
export function secureCommPossibility(
  cpu: CpuModelId,
  unit: CommUnitId | undefined,
  via: 'network' | LocalPort,
  sameNetwork = true,
): SecureCommPossibility {
  const no = (reason: string): SecureCommPossibility => ({ possible: false, reason, section: '§2-1-1' });
  const cpuInfo = CPU_MODELS[cpu];
  if (via !== 'network') {
    // Example c: USB, peripheral and serial ports never carry Secure Comm.
    return no(`Secure Comm only runs through the EtherNet/IP unit; a ${via === 'usb' ? 'USB' : via} port connection cannot use it.`);
  }
  if (unit === undefined) {
    if (cpuInfo.builtInEtherNetIp) {
      // Example d: the CJ2 built-in EtherNet/IP port.
      return no(`The built-in EtherNet/IP port of the ${cpuInfo.label} cannot do Secure Comm; connect through an EIP21S.`);
    }
    return no(`The ${cpuInfo.label} has no EtherNet/IP unit, and Secure Comm needs one (condition 1).`);
  }
  const combination = checkCombination(cpu, unit);
  if (!combination.ok) return no(combination.reason);
  if (unit === 'CP1W-CIF41') {
    // Example d: an Ethernet option board on a CP CPU.
    return no('A CP1W-CIF41 option board cannot do Secure Comm.');
  }
  if (!COMM_UNITS[unit].hasSecurityFunctions) {
    // Example a: an EtherNet/IP Unit other than the EIP21S.
    return no(`The ${COMM_UNITS[unit].label} is not an EIP21S, so it cannot do Secure Comm.`);
  }
  if (cpuInfo.series === 'CP') {
    // Example d: a CJ1W-EIP21S mounted on a CP1H.
    return no('A CJ1W-EIP21S on a CP1H cannot do Secure Comm.');
  }
  if (!sameNetwork) {
    // Example b: beyond the Ethernet network the unit belongs to.
    return no("The connection comes from beyond the EtherNet/IP unit's own Ethernet network, which Secure Comm cannot cross.");
  }
  return {
    possible: true,
    reason: `The ${COMM_UNITS[unit].label} can do Secure Comm, provided the connection is made with CX-Programmer, PLC Backup Tool or the EIP21S User Management Tool and user authentication settings are stored in the unit.`,
    section: '§2-1-1',
  };
}

/** One thing to do to a rack, and why. */
export interface AdviceStep {
  kind: 'remove-unit' | 'add-unit' | 'replace-unit' | 'use-cpu-function' | 'outside-measures';
  /** The unit to add, fit instead, or remove, for unit steps. */
  unit?: CommUnitId;
  /** The CPU functions to use, for 'use-cpu-function'. */
  functions?: FunctionId[];
  /** What to do and why, in plain words. */
  text: string;
  /** The guideline section(s) behind the step, comma-separated when several. */
  section: string;
}

/** Advice for a rack: a one-line summary and the steps. */
export interface ReplacementAdvice {
  summary: string;
  steps: AdviceStep[];
}

const OUTSIDE_MEASURES =
  'Cover what the hardware cannot with measures of your own: the human/process and physical layer measures of the Security Guideline for Factory Automation System (P162), and a firewall between the control network and the IT network.';

/** The CPU's own protections, as one step. */
function cpuFunctionsStep(cpu: CpuModelId): AdviceStep {
  const own = FUNCTION_IDS.filter((fn) => AVAILABILITY[cpu][fn] === 'cpu-only');
  const titles = own.map(inSentence).join(', ');
  return {
    kind: 'use-cpu-function',
    functions: own,
    text: `Turn on what the ${CPU_MODELS[cpu].label} provides by itself: ${titles}.`,
    section: tableSection(cpu),
  };
}

/**
 * What to add or replace on a rack to get the network security functions, and why; for
 * racks where no EIP21S option exists, which CPU functions and outside measures remain.
 */
export function replacementAdvice(cpu: CpuModelId, unit?: CommUnitId): ReplacementAdvice {
  const cpuInfo = CPU_MODELS[cpu];
  const steps: AdviceStep[] = [];
  const combination = checkCombination(cpu, unit);
  const mounted = combination.ok ? unit : undefined;
  if (unit !== undefined && !combination.ok) {
    steps.push({ kind: 'remove-unit', unit, text: combination.reason, section: '§1-4' });
  }

  if (cpuInfo.series === 'CS' || cpuInfo.series === 'CJ') {
    const eip21s: CommUnitId = cpuInfo.series === 'CS' ? 'CS1W-EIP21S' : 'CJ1W-EIP21S';
    const gives =
      'Secure Comm, IP packet filtering, port closing, user authentication, operation authority and the operation log';
    if (mounted === eip21s) {
      steps.push(cpuFunctionsStep(cpu));
      return { summary: `Nothing to replace: the ${eip21s} already gives this rack every network function.`, steps };
    }
    if (mounted !== undefined) {
      steps.push({
        kind: 'replace-unit',
        unit: eip21s,
        text: `Replace the ${COMM_UNITS[mounted].label} with a ${eip21s}: the old unit has no security functions, the EIP21S adds ${gives}.`,
        section: '§1-4',
      });
    } else if (cpuInfo.builtInEtherNetIp) {
      // ASSUMPTION: the guideline says to use these CPUs with an EIP21S; we also advise leaving
      // the unprotected built-in port off the plant network, since it would bypass the unit.
      steps.push({
        kind: 'add-unit',
        unit: eip21s,
        text: `Add a ${eip21s} and connect the network through it, leaving the built-in port unconnected: the built-in EtherNet/IP port has no security functions, the EIP21S adds ${gives}.`,
        section: '§1-4',
      });
    } else {
      steps.push({
        kind: 'add-unit',
        unit: eip21s,
        text: `Add a ${eip21s} for network access: it adds ${gives}.`,
        section: tableSection(cpu),
      });
    }
    steps.push(cpuFunctionsStep(cpu));
    return { summary: `Fit a ${eip21s} to protect the network side of this ${cpuInfo.label}.`, steps };
  }

  if (cpu === 'CP1H') {
    if (mounted !== 'CJ1W-EIP21S') {
      steps.push({
        kind: mounted === undefined ? 'add-unit' : 'replace-unit',
        unit: 'CJ1W-EIP21S',
        text:
          mounted === undefined
            ? 'Add a CJ1W-EIP21S for network access: on a CP1H it gives IP packet filtering and port closing.'
            : `Replace the ${COMM_UNITS[mounted].label} with a CJ1W-EIP21S: on a CP1H it gives IP packet filtering and port closing.`,
        section: '§1-5-2',
      });
    }
    steps.push(cpuFunctionsStep(cpu));
    steps.push({
      kind: 'outside-measures',
      text: `Secure Comm, user authentication, operation authority and the operation log are not available on a CP1H even with the EIP21S. ${OUTSIDE_MEASURES}`,
      section: '§2-1-1, §2-3-1, §2-4-1, §2-6-1',
    });
    return {
      summary:
        mounted === 'CJ1W-EIP21S'
          ? 'Nothing to replace: the CJ1W-EIP21S gives a CP1H all the network functions it can have.'
          : 'Fit a CJ1W-EIP21S for IP filtering and port closing; the rest of the protection comes from the CPU and your own measures.',
      steps,
    };
  }

  // CP1L, CP1E, CP2E: table §1-5-2 offers no EIP21S combination at all.
  steps.push(cpuFunctionsStep(cpu));
  const missing = cpu === 'CP1L' ? 'FINS write protection (§2-5-3)' : 'DIP switch write protection (§2-5-1) and FINS write protection (§2-5-3)';
  steps.push({
    kind: 'outside-measures',
    text: `No EIP21S can be fitted to a ${cpuInfo.label}, so it has no network security functions, and it lacks ${missing}. ${OUTSIDE_MEASURES}`,
    section: cpu === 'CP1L' ? '§1-5-2, §2-5-3' : '§1-5-2, §2-5-1, §2-5-3',
  });
  return {
    summary: `No unit upgrade exists for the ${cpuInfo.label}: use its own protections and protect it from outside.`,
    steps,
  };
}
