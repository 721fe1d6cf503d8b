import { lazyWidget } from '../sim/lazy-widget.tsx';
import '../sim/sim.css';
import './cpu.css';

const load = () => import('./LotNumberLabBody.tsx');

/** The LotNumberLab island: LotNumberLabBody.tsx, loaded as its own chunk when the island hydrates (see lazyWidget). */
export default lazyWidget(import.meta.env.SSR ? (await load()).default : undefined, load);
