/**
 * The client address every per-address limit counts under: the class-code and certificate-code
 * limits (rate-limit.server.ts) and the staff sign-in limit (Better Auth's, fed by
 * auth/sign-in.server.ts). One function decides it, so all three agree.
 *
 * By default the address is the socket's — the machine that opened the connection — and any
 * X-Forwarded-For header is ignored: a client writes that header itself. Behind load balancers or
 * reverse proxies that append the address they saw, the operator sets `TRUSTED_PROXY_HOPS` to how
 * many of them stand in front of the app (docs/deploy.md). The chain is then read from the right:
 * the socket address is the nearest proxy, each trusted hop's entry is skipped, and the first
 * address no trusted proxy wrote is the client. Anything further left was written by the client
 * and is never read.
 */
import { isIPv4, isIPv6 } from 'node:net';
import { IPV6_SUBNET } from '../auth/limits.server.ts';

/** The environment variable that says how many proxies in front of the app to trust. */
export const TRUSTED_PROXY_HOPS_ENV = 'TRUSTED_PROXY_HOPS';

/** Most proxies one chain may have; more is taken for a typing mistake. ASSUMPTION: ten is plenty. */
export const MAX_TRUSTED_PROXY_HOPS = 10;

/** How many proxies to trust, read from `TRUSTED_PROXY_HOPS` (unset or empty: 0). Throws, naming the variable and the fix, on anything else. */
export function trustedProxyHops(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[TRUSTED_PROXY_HOPS_ENV]?.trim() ?? '';
  if (raw === '') return 0;
  const hops = /^\d{1,2}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(hops >= 0 && hops <= MAX_TRUSTED_PROXY_HOPS)) {
    throw new Error(
      `${TRUSTED_PROXY_HOPS_ENV}="${raw}" is not a number of proxies: give a whole number from 0 to ${MAX_TRUSTED_PROXY_HOPS} (how many load balancers or reverse proxies stand in front of the app), or leave it unset when clients connect directly.`,
    );
  }
  return hops;
}

let configured: number | undefined;

/** `trustedProxyHops()` of this process's environment, read once. */
function configuredHops(): number {
  configured ??= trustedProxyHops();
  return configured;
}

/** An address as the limits count it: IPv4 as is, an IPv4-mapped IPv6 address as IPv4, other IPv6 as its /64 network; anything else unchanged. */
export function normaliseAddress(address: string): string {
  const text = address.trim().toLowerCase();
  if (isIPv4(text)) return text;
  if (!isIPv6(text)) return text;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (mapped && isIPv4(mapped)) return mapped;
  return ipv6Network(text, IPV6_SUBNET);
}

/** The first `bits` of an IPv6 address, zero-filled, written out in full ("2001:0db8:…:0000"). */
function ipv6Network(address: string, bits: number): string {
  const [head = '', tail] = address.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  // A dotted IPv4 tail ("::1.2.3.4") takes two groups.
  const groups = [...left, ...Array(8 - left.length - right.length - (right.at(-1)?.includes('.') ? 1 : 0)).fill('0'), ...right];
  const words = groups.flatMap((g) => {
    if (!g.includes('.')) return [Number.parseInt(g, 16)];
    const [a = 0, b = 0, c = 0, d = 0] = g.split('.').map(Number);
    return [(a << 8) | b, (c << 8) | d];
  });
  return words
    .map((word, i) => {
      const kept = Math.max(0, Math.min(16, bits - i * 16));
      const mask = kept === 0 ? 0 : (0xffff << (16 - kept)) & 0xffff;
      return (word & mask).toString(16).padStart(4, '0');
    })
    .join(':');
}

/** An X-Forwarded-For entry as an address: brackets and a port taken off ("[2001:db8::1]:443", "192.0.2.1:80"); undefined when it is not an IP address. */
function forwardedAddress(entry: string): string | undefined {
  let text = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed?.[1]) text = bracketed[1];
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(text)) text = text.slice(0, text.lastIndexOf(':'));
  return isIPv4(text) || isIPv6(text) ? text : undefined;
}

/**
 * The client's address for `request`, which arrived on a socket from `socketAddress` (Astro's
 * `clientAddress`), normalised for counting. With `hops` 0 (the default) the socket address,
 * whatever the headers say. With n hops, the entry n places from the right of the chain
 * `X-Forwarded-For…, socket address`; when the chain is shorter, or that entry is not an address
 * (a proxy that is not set up as `TRUSTED_PROXY_HOPS` says), the left-most address a trusted
 * proxy wrote — coarse, but never one the client chose.
 */
export function clientAddressOf(request: Request, socketAddress: string, hops: number = configuredHops()): string {
  if (hops === 0) return normaliseAddress(socketAddress);
  // Several X-Forwarded-For headers arrive joined by ", " (the Fetch API's Headers), in order.
  const forwarded = (request.headers.get('x-forwarded-for') ?? '').split(',').filter((e) => e.trim() !== '');
  const chain = [...forwarded, socketAddress];
  const trusted = chain.slice(Math.max(0, chain.length - hops));
  const candidate = chain.length > hops ? forwardedAddress(chain[chain.length - 1 - hops] ?? '') : undefined;
  const fallback = trusted.map(forwardedAddress).find((a) => a !== undefined) ?? socketAddress;
  return normaliseAddress(candidate ?? fallback);
}
