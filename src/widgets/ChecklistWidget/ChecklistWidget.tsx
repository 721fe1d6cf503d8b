import { useEffect, useId, useMemo, useState } from 'react';
import {
  CHECKLIST_KEY,
  type ChecklistSpec,
  checklistSpec,
  emptyTicks,
  parseTicks,
  type StoredTicks,
  tickedIn,
  withTick,
} from './checklist.ts';
import { withErrorBoundary } from '../kit/error-boundary.tsx';

/** Props of the ChecklistWidget island. */
export interface ChecklistWidgetProps {
  /** The list (validated here, so a malformed list fails the build with the field named). */
  list: ChecklistSpec;
}

/**
 * A checklist the learner keeps: one fieldset per group (a defense-in-depth layer), a checkbox
 * per entry, ticks saved in localStorage under `pdl.checklist` as they change.
 */
function ChecklistWidget({ list }: ChecklistWidgetProps) {
  const spec = useMemo(() => {
    const parsed = checklistSpec.safeParse(list);
    if (parsed.success) return parsed.data;
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(list)'}: ${i.message}`).join('; ');
    throw new Error(`ChecklistWidget "${list?.id ?? '?'}": ${problems}`);
  }, [list]);
  const [ticks, setTicks] = useState<StoredTicks>(emptyTicks);
  const [notice, setNotice] = useState('');
  // Disabled until the stored ticks are loaded, so a tick cannot be lost to hydration.
  const [ready, setReady] = useState(false);
  const uid = useId();

  useEffect(() => {
    setReady(true);
    try {
      setTicks(parseTicks(localStorage.getItem(CHECKLIST_KEY)));
    } catch {
      setNotice('This browser does not let the course keep your ticks; they will be forgotten when you leave.');
    }
  }, []);

  function toggle(entryId: string, ticked: boolean) {
    // Read afresh: another checklist on the page, or another tab, may have saved meanwhile.
    let stored = ticks;
    try {
      stored = parseTicks(localStorage.getItem(CHECKLIST_KEY));
    } catch {
      // Storage unavailable: keep working in memory.
    }
    const next = withTick(stored, spec.id, entryId, ticked);
    setTicks(next);
    try {
      localStorage.setItem(CHECKLIST_KEY, JSON.stringify(next));
    } catch {
      setNotice('Your ticks could not be saved in this browser; they will be forgotten when you leave.');
    }
  }

  const ticked = tickedIn(ticks, spec);
  const total = spec.groups.reduce((n, g) => n + g.entries.length, 0);

  return (
    <section className="checklist" aria-labelledby={`${uid}-title`}>
      <h2 id={`${uid}-title`}>{spec.title}</h2>
      <p className="checklist-count" role="status" aria-live="polite">
        {ticked.size} of {total} done. Your ticks stay in this browser.
        {notice ? ` ${notice}` : ''}
      </p>
      {spec.groups.map((group) => (
        <fieldset key={group.id} className="checklist-group">
          <legend>{group.title}</legend>
          {group.purpose ? <p className="checklist-purpose">{group.purpose}</p> : null}
          <ul>
            {group.entries.map((entry) => {
              const inputId = `${uid}-${entry.id}`;
              return (
                <li key={entry.id}>
                  <input
                    id={inputId}
                    type="checkbox"
                    checked={ticked.has(entry.id)}
                    disabled={!ready}
                    onChange={(e) => toggle(entry.id, e.target.checked)}
                  />{' '}
                  <label htmlFor={inputId}>
                    {entry.text} <span className="checklist-section">({entry.section})</span>
                  </label>
                </li>
              );
            })}
          </ul>
        </fieldset>
      ))}
    </section>
  );
}

/** The ChecklistWidget island, inside an error boundary so a fault shows a message and leaves the page working. */
export default withErrorBoundary(ChecklistWidget, 'The checklist');
