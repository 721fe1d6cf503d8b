/**
 * Certificates of passed attempts and their public check. A certificate carries an unguessable
 * verification code (125 random bits); `/verify/<code>` answers valid, revoked or unknown. The
 * check looks the code up once whatever its shape and answers every case with the same status
 * and the same page, so neither the answer's timing nor its form tells a prober which codes are
 * close to real ones.
 */
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import QRCode from 'qrcode';
import type { Executor } from '../db/database.server.ts';
import { certificate, examAttempt } from '../db/schema.server.ts';
import type { ExamCatalog } from '../exams/item-bank.server.ts';

/** Crockford's base 32: no I, L, O or U, so a code read aloud or typed from paper survives. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Characters in a code (5 bits each: 125 bits), printed in groups of five. */
const CODE_LENGTH = 25;

/** A new verification code, e.g. "7QK2M-…" (five groups of five). */
export function newCertificateCode(): string {
  const bytes = randomBytes(CODE_LENGTH);
  // 256 is a multiple of 32, so taking each byte modulo 32 is uniform.
  const chars = [...bytes].map((b) => ALPHABET[b % 32]).join('');
  return chars.match(/.{5}/g)?.join('-') ?? chars;
}

/** A code as typed (any case, spaces, missing or extra hyphens, O for 0…) in the printed form, or undefined when it cannot be one. */
export function normaliseCode(typed: string): string | undefined {
  const chars = typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (chars.length !== CODE_LENGTH || [...chars].some((c) => !ALPHABET.includes(c))) return undefined;
  return chars.match(/.{5}/g)?.join('-');
}

/** What `/verify/<code>` says. */
export type Verification =
  | { status: 'valid'; name: string; exam: string; issuedAt: Date }
  | { status: 'revoked'; revokedAt: Date }
  | { status: 'unknown' };

/** A code that cannot exist: looked up instead of a malformed one, so every check costs one query. */
const NO_SUCH_CODE = '-';

/** Checks a verification code. */
export async function verifyCertificate(executor: Executor, catalog: ExamCatalog, typed: string): Promise<Verification> {
  const code = normaliseCode(typed.slice(0, 100)) ?? NO_SUCH_CODE;
  const [row] = await executor.select().from(certificate).where(eq(certificate.code, code));
  if (!row) return { status: 'unknown' };
  if (row.revokedAt) return { status: 'revoked', revokedAt: row.revokedAt };
  return { status: 'valid', name: row.name, exam: examTitle(catalog, row.examId), issuedAt: row.issuedAt };
}

/** The exam's title on the certificate (its id if the catalog no longer has it). */
function examTitle(catalog: ExamCatalog, examId: string): string {
  return catalog.exams.find((e) => e.id === examId)?.title ?? examId;
}

/** A certificate as its holder sees it. */
export interface CertificateView {
  code: string;
  name: string;
  exam: string;
  issuedAt: Date;
  /** Percent. */
  score: number;
  revokedAt: Date | null;
  /** The public verify link the QR code carries. */
  verifyUrl: string;
  /** The QR code of `verifyUrl`, as SVG markup (inline: the page needs no image source). */
  qrSvg: string;
}

/** The verify link of a code on the site at `origin`. */
export function verifyUrl(origin: string, code: string): string {
  return new URL(`/verify/${encodeURIComponent(code)}`, origin).href;
}

/** The QR code of `url` as SVG markup, made by the `qrcode` package. */
export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/** The certificate of a learner's attempt, or undefined when the attempt is not theirs or has none. */
export async function certificateOf(executor: Executor, catalog: ExamCatalog, learnerId: string, attemptId: string, origin: string): Promise<CertificateView | undefined> {
  const [row] = await executor
    .select({ cert: certificate })
    .from(certificate)
    .innerJoin(examAttempt, eq(examAttempt.id, certificate.attemptId))
    .where(and(eq(certificate.attemptId, attemptId), eq(examAttempt.learnerId, learnerId)));
  if (!row) return undefined;
  const { cert } = row;
  const url = verifyUrl(origin, cert.code);
  return {
    code: cert.code,
    name: cert.name,
    exam: examTitle(catalog, cert.examId),
    issuedAt: cert.issuedAt,
    score: cert.score,
    revokedAt: cert.revokedAt,
    verifyUrl: url,
    qrSvg: await qrSvg(url),
  };
}
