import { withErrorBoundary } from '../widgets/kit/error-boundary.tsx';
import WorkbenchBody from './WorkbenchBody.tsx';
import './workbench.css';

/**
 * The Workbench island: WorkbenchBody inside the island error boundary. It is not split into a
 * lazily loaded chunk: the island hydrates as the page opens (client:soon, record 014), so a second
 * chunk would only add a request (docs/decisions/009-layout.md).
 */
export default withErrorBoundary(WorkbenchBody, 'This exercise');
