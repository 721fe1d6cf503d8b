/**
 * The one import surface for lesson authors (as Starlight's `@astrojs/starlight/components`):
 * every block and piece of course data a lesson's MDX uses. A lesson imports from here
 * only, in one line, so moving a widget or a table never touches the lessons.
 *
 * Blocks are Astro components (no JavaScript of their own unless they hold an island). Data
 * comes from machines/ (the single source of every list and limit) and from the widgets'
 * presenters, so the prose quotes the same values the widgets use.
 *
 * The React widgets are NOT exported here: a lesson imports its widget straight from
 * `src/widgets/<Name>Widget/<Name>Widget.tsx`. Astro hydrates an island from the module it was
 * imported from, so an island taken through this file would make every lesson's browser bundle
 * load every widget (measured: 160.1 KB gz on each widget lesson instead of 134–146 KB).
 */

// Astro blocks: tables, diagrams and the islands that take build-time data.
export { default as AvailabilityTable } from './AvailabilityTable.astro';
export { default as ChecklistBlock } from './ChecklistBlock.astro';
export { default as DefenseLayersDiagram } from './DefenseLayersDiagram.astro';
export { default as FunctionFacts } from './FunctionFacts.astro';
export { default as LayerFunctionsTable } from './LayerFunctionsTable.astro';
export { default as QuizBlock } from './QuizBlock.astro';
export { default as RackBuilderBlock } from './RackBuilderBlock.astro';
export { default as ThreatExplorerBlock } from './ThreatExplorerBlock.astro';
export { HYDRATE_AHEAD } from './hydration.ts';

// Course data the prose quotes.
export { functionFacts, joinWords, modelsLacking, modelsWithOnCpu, threatWords } from '../course/function-facts.ts';
export { AVAILABILITY, CPU_MODEL_IDS, CPU_MODELS } from '../../machines/catalog/catalog.ts';
export { FUNCTIONS, FUNCTIONS_IN_ORDER, functionsCountering, functionsInLayer, STRIDE, STRIDE_NAMES } from '../../machines/catalog/threats.ts';
export { FACTORY_FTP_LOGIN, FILTER_TABLE_SIZE, LOG_CAPACITY, PORT_LABELS } from '../../machines/eip/eip21s.machine.ts';
export { PASSWORD_POLICY_TEXT, ruleParts } from '../../machines/eip/password-policy.ts';
export { FUNCTION_IDS, ROLES } from '../../machines/model.ts';
export { FTP_GUESSES } from '../widgets/PortsWidget/ftp-guessing.ts';
export { OTHER_PLC_NAME } from '../widgets/PlcNameWidget/plc-name.ts';
export { ENGINEERING_PC, HMI, ROGUE_LAPTOP } from '../widgets/kit/nodes.ts';
export { assumedRoles } from '../widgets/kit/rights.ts';
export { PLANT_USERS, SCENARIO_PLC_NAME } from '../widgets/kit/scenarios.ts';
export { SIM_STEP_SECONDS } from '../widgets/kit/sim-clock.ts';
export { unprotectedInterfaces } from '../widgets/RackBuilderWidget/rack-view.ts';
