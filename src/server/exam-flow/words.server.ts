/** How the learner pages put server facts into words. */

/** A moment as learners read it: "2 March 2026, 10:30 UTC" (the server's clock, in UTC). */
export function formatMoment(moment: Date): string {
  return `${new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(moment)} UTC`;
}

/** A date as a certificate prints it: "2 March 2026". */
export function formatDate(moment: Date): string {
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(moment);
}
