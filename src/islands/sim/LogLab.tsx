import { lazyWidget } from './lazy-widget.tsx';
import './sim.css';

const load = () => import('./LogLabBody.tsx');

/** The LogLab island: LogLabBody.tsx, loaded as its own chunk when the island hydrates (see lazyWidget). */
export default lazyWidget(import.meta.env.SSR ? (await load()).default : undefined, load);
