import { functionFacts } from '../../lib/cpu-widgets/function-facts.ts';
import type { FunctionId } from '../../../machines/model.ts';
import './cpu.css';

/** Props of FunctionFacts. */
export interface FunctionFactsProps {
  /** The security function the lesson teaches. */
  id: FunctionId;
}

/**
 * The "what it protects" panel of a function lesson: section, layer, purpose, the threats its
 * table marks and the CPU models that offer it — all from machines/threats.ts and
 * machines/catalog.ts via functionFacts(). Static: use it in MDX without a client directive.
 */
export default function FunctionFacts({ id }: FunctionFactsProps) {
  const f = functionFacts(id);
  return (
    <section className="cpu-facts" aria-label={`${f.title} at a glance`}>
      <dl>
        <dt>Function</dt>
        <dd>
          {f.title} <span className="section-ref">({f.section})</span>
        </dd>
        <dt>Layer</dt>
        <dd>
          {f.layerLabel}: {f.purpose.toLowerCase()}
        </dd>
        <dt>Threats it addresses</dt>
        <dd>
          {f.threatsStated ? (
            <ul>
              {f.threats.map((t) => (
                <li key={t.letter}>
                  <a href={t.glossaryHref}>
                    {t.name} ({t.letter})
                  </a>
                </li>
              ))}
            </ul>
          ) : (
            'Not stated: the section has no threat table.'
          )}
        </dd>
        <dt>Which CPU Units</dt>
        <dd>{f.availabilitySentence}</dd>
      </dl>
    </section>
  );
}
