import { lazyWidget } from '../sim/lazy-widget.tsx';
import type { ProgramProtectionLabProps } from './ProgramProtectionLabBody.tsx';
import '../sim/sim.css';
import './cpu.css';

const load = () => import('./ProgramProtectionLabBody.tsx');

/** The ProgramProtectionLab island: ProgramProtectionLabBody.tsx, loaded as its own chunk when the island hydrates (see lazyWidget). */
export default lazyWidget<ProgramProtectionLabProps>(import.meta.env.SSR ? (await load()).default : undefined, load);
