import { useState } from 'react';
import { refusalText } from './class-mode.ts';

/** What useCourseServer gives a class panel: whether a request is under way, its problem, and how to make one. */
export interface CourseServerCall {
  busy: boolean;
  /** The server's refusal in words, or why it could not be reached; empty when all is well. */
  problem: string;
  /** Sends one request; resolves to the JSON reply, or undefined after setting `problem`. */
  request: <T>(url: string, init: RequestInit, unreachable: string) => Promise<T | undefined>;
}

/** One request at a time to the course server, for the class mode's panels (grading, hints). */
export function useCourseServer(): CourseServerCall {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  async function request<T>(url: string, init: RequestInit, unreachable: string): Promise<T | undefined> {
    setBusy(true);
    setProblem('');
    try {
      const response = await fetch(url, init);
      if (!response.ok) {
        setProblem(await refusalText(response));
        return undefined;
      }
      return (await response.json()) as T;
    } catch {
      setProblem(unreachable);
      return undefined;
    } finally {
      setBusy(false);
    }
  }
  return { busy, problem, request };
}
