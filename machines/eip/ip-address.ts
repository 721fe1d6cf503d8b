/**
 * IPv4 addresses and masks as the EIP21S IP packet filter sees them (§2-2-1): dotted text in
 * settings, unsigned 32-bit numbers for matching.
 */

/** The result of parsing an address or mask: the uint32 value, or an error saying the fix. */
export type ParseResult = { ok: true; value: number } | { ok: false; error: string };

const OCTET = /^(0|[1-9][0-9]{0,2})$/;

/**
 * Parses dotted-quad IPv4 text ("192.168.250.2") into an unsigned 32-bit number.
 * `field` names the setting in error messages ("IP address" unless told).
 */
export function parseIPv4(s: string, field = 'IP address'): ParseResult {
  const text = s.trim();
  if (text === '') return { ok: false, error: `${field} is empty: enter four numbers 0–255 separated by dots, e.g. 192.168.250.2` };
  const parts = text.split('.');
  if (parts.length !== 4) {
    return { ok: false, error: `${field} "${text}" has ${parts.length} part(s): enter exactly four numbers separated by dots, e.g. 192.168.250.2` };
  }
  let value = 0;
  for (const [i, part] of parts.entries()) {
    // Leading zeros are refused: some tools read "010" as octal, so the address would be ambiguous.
    if (!OCTET.test(part)) {
      return { ok: false, error: `${field} "${text}": part ${i + 1} ("${part}") must be a whole number 0–255 without leading zeros` };
    }
    const n = Number(part);
    if (n > 255) return { ok: false, error: `${field} "${text}": part ${i + 1} is ${n}, but each part must be 0–255` };
    value = value * 256 + n;
  }
  return { ok: true, value };
}

/** True when the mask's ones are contiguous from the most significant bit (255.255.255.0 yes, 255.0.255.0 no). */
export function isContiguousMask(mask: number): boolean {
  const inverted = ~mask >>> 0;
  // Host bits must be a run of ones at the bottom: inverted + 1 is then a power of two (or 2^32).
  return ((inverted & (inverted + 1)) >>> 0) === 0;
}

/**
 * Parses a subnet mask. It must be a valid address whose one-bits are contiguous from the left
 * (255.255.255.255 = one host, 255.255.255.0 = a /24 network).
 */
export function parseMask(s: string, field = 'Mask'): ParseResult {
  const parsed = parseIPv4(s, field);
  if (!parsed.ok) return parsed;
  if (!isContiguousMask(parsed.value)) {
    return {
      ok: false,
      error: `${field} "${s.trim()}" is not contiguous: its one-bits must all come first, e.g. 255.255.255.255 for one device or 255.255.255.0 for a whole network`,
    };
  }
  return parsed;
}

/** Formats a uint32 as dotted-quad text. */
export function formatIPv4(value: number): string {
  const v = value >>> 0;
  return [v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff].join('.');
}

/** The number of leading one-bits of a contiguous mask (255.255.255.0 → 24). */
export function maskPrefixLength(mask: number): number {
  let n = 0;
  for (let bit = 31; bit >= 0 && ((mask >>> bit) & 1) === 1; bit--) n++;
  return n;
}

/**
 * §2-2-1: a source address matches a filter rule when it equals the rule's address on every bit
 * the mask keeps.
 */
export function matchesRule(ip: number, rule: { ip: number; mask: number }): boolean {
  return ((ip & rule.mask) >>> 0) === ((rule.ip & rule.mask) >>> 0);
}
