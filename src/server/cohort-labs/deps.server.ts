/** The class lab routes' dependencies in the running server: the shared database and the course's labs, loaded once. */
import type { Lab } from '../../../machines/grading/lab.ts';
import { getDatabase } from '../db/database.server.ts';
import { formatProblem, loadLabs } from '../lab-files.server.ts';
import type { ClassLabDeps } from './handlers.server.ts';

let labs: Promise<Map<string, Lab>> | undefined;

/** The labs by id, read from content/labs on first use; a broken lab file stops the server with its problems. */
function labCatalog(): Promise<Map<string, Lab>> {
  labs ??= loadLabs().then(({ labs: loaded, problems }) => {
    if (problems.length > 0) throw new Error(`The lab files have problems:\n${problems.map(formatProblem).join('\n')}`);
    return new Map(loaded.map((l) => [l.id, l]));
  });
  return labs;
}

/** What the class lab handlers need, in the running server. */
export async function classLabDeps(): Promise<ClassLabDeps> {
  return { database: await getDatabase(), labs: await labCatalog() };
}
