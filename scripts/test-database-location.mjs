// Where scripts/ensure-postgres.mjs leaves the URL of the PostgreSQL it prepared for the tests,
// and where the data tests look for it when TEST_DATABASE_URL is not set. Per user, outside
// the checkout, so every checkout on the machine shares one test cluster and one password.
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The file holding the test database URL (mode 0600). */
export const TEST_DATABASE_URL_FILE = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'plc-defense-lab', 'test-database-url');
