/**
 * A password-guessing attack on the EIP21S's FTP server, for lesson 7 (§1-6: "FTP does not have
 * password lock functionality"). Pure: the attack sends through the callback it is given (the
 * rack's `send`), one login per guess, and stops at the first one the server accepts or at the
 * first packet that gets no answer at all (a closed port or the IP filter). Nothing here decides
 * whether a login is right: the request path does.
 */
import type { Outcome, Request, StepSource } from '../../../machines/model.ts';
import type { SimNode } from '../kit/nodes.ts';
import { OPERATION_PRESETS } from '../kit/requests.ts';

/**
 * The guesses, in the order the attack tries them: an empty password, the words every guessing
 * list starts with, then words from the plant (the line is called "mixer"). The scenario's weak
 * FTP password (scenarios.ts) is among them on purpose.
 */
export const FTP_GUESSES: readonly string[] = ['', 'password', 'admin', 'omron', '12345678', 'plc', 'mixer', 'mixer1', 'mixer2', 'mixer3'];

/** One login the attack tried. */
export interface GuessAttempt {
  /** 1-based number of the attempt. */
  n: number;
  password: string;
  outcome: Outcome;
  /** Where the attempt stopped; absent when the server accepted it. */
  stoppedAt?: StepSource;
}

/** How the attack ended. */
export interface GuessResult {
  attempts: GuessAttempt[];
  /** The password that worked, or null. */
  found: string | null;
  /**
   * True when an attempt got no answer at all (the FTP server set to Not use, or the IP filter):
   * the attacker cannot even try a password.
   */
  unanswered: boolean;
  /** The request of the last attempt, for the trace and the wire panel. */
  lastRequest: Request | null;
}

/** The FTP request `node` sends to log in as `user` with `password` and read a file. */
export function ftpLoginRequest(node: SimNode, user: string, password: string): Request {
  return { from: node.origin, protocol: 'ftp', operation: OPERATION_PRESETS.readFile.operation, credentials: { user, password } };
}

/** Tries each guess in turn as `user` from `node`, through `send`, until one works or none answers. */
export function guessFtpPassword(
  send: (request: Request) => Outcome,
  node: SimNode,
  user: string,
  guesses: readonly string[] = FTP_GUESSES,
): GuessResult {
  const attempts: GuessAttempt[] = [];
  let lastRequest: Request | null = null;
  for (const [i, password] of guesses.entries()) {
    lastRequest = ftpLoginRequest(node, user, password);
    const outcome = send(lastRequest);
    const stoppedAt = outcome.blockedBy?.source;
    attempts.push({ n: i + 1, password, outcome, ...(stoppedAt ? { stoppedAt } : {}) });
    if (outcome.allowed) return { attempts, found: password, unanswered: false, lastRequest };
    // Anything but the FTP login itself means the server never saw the password.
    if (stoppedAt !== 'ftp-login') return { attempts, found: null, unanswered: true, lastRequest };
  }
  return { attempts, found: null, unanswered: false, lastRequest };
}
