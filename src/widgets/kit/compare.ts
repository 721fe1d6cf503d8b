/**
 * Side-by-side answers for the widgets: the same operation from several senders (lesson 6) or
 * by several users (lesson 10), evaluated on the rack as it stands now. Pure: uses the request
 * path's `evaluate` on a RackView, so nothing is sent and nothing changes.
 */
import type { NetworkProtocol, Operation, Outcome, Request, Role, UserAccount } from '../../../machines/model.ts';
import { evaluate, type RackView } from '../../../machines/request-path/request-path.ts';
import type { SimNode } from './nodes.ts';
import { intentOf, nodeLabel } from './nodes.ts';
import { type Intent, outcomeShort, outcomeTone, type Tone } from './trace.ts';

/** One line of a comparison. */
export interface ComparisonRow {
  /** Who: a node label or a user and their role. */
  who: string;
  outcome: Outcome;
  /** outcomeShort of the outcome: "gets through" or "blocked at … (§…)". */
  summary: string;
  /** What the outcome means for the plant, where the sender's intent is known (trace.ts outcomeTone). */
  tone: Tone;
}

function row(who: string, outcome: Outcome, intent: Intent | null | undefined): ComparisonRow {
  return { who, outcome, summary: outcomeShort(outcome), tone: outcomeTone({ allowed: outcome.allowed, intent }) };
}

/** What each node would get for `operation` over `protocol` (local-port nodes send without one). */
export function compareSenders(
  view: RackView,
  nodes: readonly SimNode[],
  operation: Operation,
  protocol: NetworkProtocol,
): ComparisonRow[] {
  return nodes.map((node) => {
    const outcome = evaluate(view, node.origin.via === 'network' ? { from: node.origin, protocol, operation } : { from: node.origin, operation });
    return row(nodeLabel(node), outcome, node.intent);
  });
}

/** One user's line in a role comparison. */
export interface RoleRow extends ComparisonRow {
  user: string;
  role: Role;
}

/**
 * What each user would get for `operation` over Secure Comm from `node`, logged in with their
 * own (correct) password — so only operation authority (§2-4-1) and the later layers differ.
 */
export function compareRoles(view: RackView, node: SimNode, users: readonly UserAccount[], operation: Operation): RoleRow[] {
  return users.map((u) => {
    const outcome = evaluate(view, { from: node.origin, protocol: 'secure-comm', operation, credentials: { user: u.name, password: u.password } });
    // A user with a role of their own, acting within it: no intent is known, so the tone stays neutral.
    return { ...row(`${u.name} (${u.role})`, outcome, null), user: u.name, role: u.role };
  });
}

/** A request with the name a comparison shows for it. */
export interface LabelledRequest {
  label: string;
  request: Request;
}

/** What each labelled request would get on the rack as it stands (nothing is sent). */
export function compareRequests(view: RackView, requests: readonly LabelledRequest[]): ComparisonRow[] {
  return requests.map(({ label, request }) => {
    const outcome = evaluate(view, request);
    return row(label, outcome, intentOf(request.from));
  });
}
