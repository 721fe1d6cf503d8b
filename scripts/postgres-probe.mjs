// Whether a PostgreSQL server answers, for the scripts and benchmarks that use one when it is there.
import postgres from 'postgres';

/** Whether a server answers at `url` (a refused or closed port fails fast on loopback). */
export async function answers(url, timeoutSeconds = 10) {
  const sql = postgres(url, { max: 1, connect_timeout: timeoutSeconds, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}
