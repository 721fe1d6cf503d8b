import { lazyWidget } from './lazy-widget.tsx';
import './sim.css';

const load = () => import('./FilterLabBody.tsx');

/** The FilterLab island: FilterLabBody.tsx, loaded as its own chunk when the island hydrates (see lazyWidget). */
export default lazyWidget(import.meta.env.SSR ? (await load()).default : undefined, load);
