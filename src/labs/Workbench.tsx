import { lazyWidget } from '../widgets/kit/lazy-widget.tsx';
import type { WorkbenchProps } from './WorkbenchBody.tsx';
import './workbench.css';

const load = () => import('./WorkbenchBody.tsx');

/** The Workbench island: WorkbenchBody.tsx, loaded as its own chunk when the island hydrates (see lazyWidget). */
export default lazyWidget<WorkbenchProps>(import.meta.env.SSR ? (await load()).default : undefined, load);
