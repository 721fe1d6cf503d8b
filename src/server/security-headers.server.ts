/**
 * The security headers of the served course, written once: the start script
 * (scripts/serve.ts) sets them on every response, prerendered pages and on-demand routes alike.
 *
 * Scripts and styles are governed by the policy Astro writes into each page (`security.csp` in
 * astro.config.mjs: hashes of every script and style it emits, so no 'unsafe-inline'). Two
 * policies both apply, so this header leaves script-src and style-src alone and adds what a
 * <meta> policy cannot say (frame-ancestors) or need not repeat.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': ["frame-ancestors 'none'", "base-uri 'none'", "object-src 'none'", "form-action 'self'"].join('; '),
  // Not 'no-referrer': under it browsers send `Origin: null` with every form POST, and Astro's
  // origin check (security.checkOrigin) would refuse the site's own forms. No address, and so no
  // token in one (the first-admin setup link), is ever sent to another site.
  'Referrer-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};
