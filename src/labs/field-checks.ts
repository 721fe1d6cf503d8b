/**
 * Checks of what the learner types into the workbench's forms, before anything reaches the
 * answer: each error names the field and says how to fix it, and a refused value leaves the
 * answer (and the saved draft) unchanged. The rules are the units' own (machines/*), so a value
 * the form accepts is one the simulated unit accepts too.
 */
import { LOT_PATTERN } from '../../machines/cpu/cpu-validation.ts';
import { COMMUNITY_PATTERN, FILTER_TABLE_SIZE, MAX_USERS, parseRule, USER_NAME_PATTERN } from '../../machines/eip/eip21s.machine.ts';
import { formatIPv4, matchesRule, parseIPv4, parseMask } from '../../machines/eip/ip-address.ts';
import {
  COMMUNITY_MAX,
  FINS_NODE_RANGE,
  type FilterRule,
  isFinsNode,
  MAX_EXCLUDED_NODES,
  PLC_NAME_MAX,
  PLC_NAME_PATTERN,
  PROTECTION_PASSWORD_MAX,
  PROTECTION_PASSWORD_PATTERN,
  type Role,
  type UserAccount,
  USER_NAME_MAX,
} from '../../machines/model.ts';
import {
  characterClassesOf,
  checkPassword,
  PASSWORD_ALLOWED,
  PASSWORD_MIN_CLASSES,
  PASSWORD_MIN_LENGTH,
} from '../../machines/eip/password-policy.ts';

/** A checked value, or the error to show next to the field. */
export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

/** A checked form of several fields: the value, or an error per field at fault. */
export type CheckedForm<T, F extends string> = { ok: true; value: T } | { ok: false; errors: Partial<Record<F, string>> };

/** Fields of the "add a filter rule" form. */
export type RuleField = 'ip' | 'mask';

/**
 * A new IP packet filter rule (§2-2-1) from the form's text: both addresses valid, the mask
 * contiguous, no rule already admitting exactly the same addresses, room in the table.
 * The address is stored as typed (trimmed); the unit compares ranges, not text.
 */
export function checkNewRule(ip: string, mask: string, rules: readonly FilterRule[]): CheckedForm<FilterRule, RuleField> {
  const errors: Partial<Record<RuleField, string>> = {};
  const parsedIp = parseIPv4(ip, 'IP address');
  if (!parsedIp.ok) errors.ip = `${parsedIp.error}.`;
  const parsedMask = parseMask(mask, 'Mask');
  if (!parsedMask.ok) errors.mask = `${parsedMask.error}.`;
  if (!parsedIp.ok || !parsedMask.ok) return { ok: false, errors };
  const wanted = { ip: parsedIp.value, mask: parsedMask.value };
  const same = rules.findIndex((r) => {
    const p = parseRule(r);
    return p.ok && p.value.mask === wanted.mask && matchesRule(p.value.ip, wanted);
  });
  if (same >= 0) {
    const r = rules[same];
    return { ok: false, errors: { ip: `Rule ${same + 1} (${r?.ip} / ${r?.mask}) already admits exactly these addresses: change the address or the mask.` } };
  }
  if (rules.length >= FILTER_TABLE_SIZE) {
    return { ok: false, errors: { ip: `The filter table is full (${FILTER_TABLE_SIZE} rules): remove a rule or widen a mask first.` } };
  }
  return { ok: true, value: { ip: ip.trim(), mask: mask.trim() } };
}

/** The addresses a rule admits, in words: "192.168.250.0 – 192.168.250.255 (256 addresses)". */
export function ruleRange(rule: FilterRule): string {
  const p = parseRule(rule);
  if (!p.ok) return p.error;
  const first = (p.value.ip & p.value.mask) >>> 0;
  const size = 2 ** 32 - p.value.mask;
  const last = (first + size - 1) >>> 0;
  return size === 1 ? `only ${formatIPv4(first)}` : `${formatIPv4(first)} – ${formatIPv4(last)} (${size.toLocaleString('en')} addresses)`;
}

/** One line of the password checklist shown while typing. */
export interface PolicyItem {
  label: string;
  met: boolean;
}

/** The §1-6 password policy as a checklist for live feedback (password-policy.ts rules). */
export function passwordChecklist(password: string, userName = ''): PolicyItem[] {
  const classes = characterClassesOf(password).length;
  const name = userName.trim();
  return [
    { label: `At least ${PASSWORD_MIN_LENGTH} characters (now ${[...password].length})`, met: [...password].length >= PASSWORD_MIN_LENGTH },
    {
      label: `At least ${PASSWORD_MIN_CLASSES} kinds of character: small letters, capitals, digits, symbols (now ${classes})`,
      met: classes >= PASSWORD_MIN_CLASSES,
    },
    { label: 'Only letters, digits and symbols: no spaces or accented letters', met: PASSWORD_ALLOWED.test(password) },
    { label: 'Does not contain the user name', met: name === '' || !password.toLowerCase().includes(name.toLowerCase()) },
  ];
}

/** Fields of the "add a user" form. */
export type UserField = 'name' | 'password';

/**
 * A new EIP21S user (§2-3-1) from the form: a name the unit allows and not yet registered, a
 * password meeting the policy (§1-6), room for one more user.
 */
export function checkNewUser(name: string, role: Role, password: string, users: readonly UserAccount[]): CheckedForm<UserAccount, UserField> {
  const errors: Partial<Record<UserField, string>> = {};
  const trimmed = name.trim();
  if (!USER_NAME_PATTERN.test(trimmed)) {
    errors.name =
      trimmed === ''
        ? `User name is empty: type 1–${USER_NAME_MAX} letters, digits, dots, hyphens or underscores.`
        : `User name "${trimmed}" is not allowed: use only letters, digits, dots, hyphens or underscores (at most ${USER_NAME_MAX}).`;
  } else if (users.some((u) => u.name.toLowerCase() === trimmed.toLowerCase())) {
    errors.name = `User name "${trimmed}" is already registered: choose another name, or change that user instead.`;
  } else if (users.length >= MAX_USERS) {
    errors.name = `The unit holds at most ${MAX_USERS} users: remove one first.`;
  }
  const pw = checkPassword(password, { userName: trimmed });
  if (!pw.ok) errors.password = pw.problems.join(' ');
  if (errors.name || errors.password) return { ok: false, errors };
  return { ok: true, value: { name: trimmed, role, password } };
}

/** A new password for a registered user (§1-6). */
export function checkNewPassword(password: string, userName: string): Checked<string> {
  const pw = checkPassword(password, { userName });
  return pw.ok ? { ok: true, value: password } : { ok: false, error: pw.problems.join(' ') };
}

/**
 * Removing a user must not leave the unit without an administrator (§2-3-1): nobody could
 * manage users again short of Restart Unit to the out-of-box configuration. The error says so.
 */
export function checkUserRemoval(name: string, users: readonly UserAccount[]): Checked<UserAccount[]> {
  const rest = users.filter((u) => u.name !== name);
  if (rest.length === users.length) return { ok: false, error: `There is no user "${name}" to remove.` };
  const wasAdmin = users.some((u) => u.name === name && u.role === 'administrator');
  if (wasAdmin && !rest.some((u) => u.role === 'administrator')) {
    return { ok: false, error: `${name} is the last administrator: make another user administrator first, or nobody can manage users again (§2-3-1).` };
  }
  return { ok: true, value: rest };
}

/** Changing a user's operation authority (§2-4-1), keeping at least one administrator (§2-3-1). */
export function checkRoleChange(name: string, role: Role, users: readonly UserAccount[]): Checked<UserAccount[]> {
  const next = users.map((u) => (u.name === name ? { ...u, role } : u));
  if (users.some((u) => u.role === 'administrator') && !next.some((u) => u.role === 'administrator')) {
    return { ok: false, error: `${name} is the last administrator: make another user administrator first (§2-3-1).` };
  }
  return { ok: true, value: next };
}

/** A FINS node to exclude from FINS write protection (§2-5-3): in FINS_NODE_RANGE, not yet listed. */
export function checkExcludedNode(text: string, listed: readonly number[]): Checked<number> {
  const t = text.trim();
  if (!/^\d{1,3}$/.test(t) || !isFinsNode(Number(t))) {
    return { ok: false, error: `FINS node "${t}" is not a node number: type a whole number from ${FINS_NODE_RANGE.min} to ${FINS_NODE_RANGE.max}.` };
  }
  const node = Number(t);
  if (listed.includes(node)) return { ok: false, error: `Node ${node} is already excluded: each node is listed once.` };
  if (listed.length >= MAX_EXCLUDED_NODES) return { ok: false, error: `At most ${MAX_EXCLUDED_NODES} nodes can be excluded: remove one first.` };
  return { ok: true, value: node };
}

/** A PLC name (§2-3-2); empty text clears the name (null). */
export function checkPlcName(text: string): Checked<string | null> {
  if (text === '') return { ok: true, value: null };
  if (!PLC_NAME_PATTERN.test(text)) {
    return { ok: false, error: `PLC name: use 1–${PLC_NAME_MAX} letters, digits or symbols (spaces only inside the name), or leave it empty for no name.` };
  }
  return { ok: true, value: text };
}

/** A UM or task read-protection password (§2-5-2); empty text means no password (null). */
export function checkProtectionPassword(text: string): Checked<string | null> {
  if (text === '') return { ok: true, value: null };
  if (!PROTECTION_PASSWORD_PATTERN.test(text)) {
    return { ok: false, error: `Password: use 1–${PROTECTION_PASSWORD_MAX} letters, digits or symbols without spaces, or leave it empty for no protection.` };
  }
  return { ok: true, value: text };
}

/** The lot-number guard's constant (§2-5-4): 4–8 digits, kept as text so leading zeros stay. */
export function checkLotConstant(text: string): Checked<string> {
  const t = text.trim();
  if (!LOT_PATTERN.test(t)) {
    return { ok: false, error: `Lot number "${t}": type the 4–8 digits of the lot number, keeping any leading zeros (e.g. 080620).` };
  }
  return { ok: true, value: t };
}

/** An SNMP community name (§2-2-2 note). */
export function checkCommunity(text: string): Checked<string> {
  if (!COMMUNITY_PATTERN.test(text)) return { ok: false, error: `Community name: use 1–${COMMUNITY_MAX} letters, digits or symbols without spaces.` };
  return { ok: true, value: text };
}
