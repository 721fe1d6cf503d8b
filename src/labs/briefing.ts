/**
 * A lab briefing's Markdown as blocks the workbench renders with plain elements (no HTML
 * strings, so nothing in a lab file can inject markup). Lab briefings use a small subset:
 * paragraphs, "- " and "1. " lists, **bold**, *italic* and `code`; anything else stays text.
 */

/** A run of text with its emphasis. */
export interface Inline {
  text: string;
  strong?: boolean;
  em?: boolean;
  code?: boolean;
}

/** A paragraph or a list of items, each a line of inlines. */
export type Block = { kind: 'p'; inlines: Inline[] } | { kind: 'ul' | 'ol'; items: Inline[][] };

const BULLET = /^\s*[-*]\s+/;
const NUMBERED = /^\s*\d+\.\s+/;

/** The inlines of one line of text: `code` first (its content is literal), then **bold** and *italic*. */
export function inlines(text: string): Inline[] {
  const out: Inline[] = [];
  const pattern = /`([^`]+)`|\*\*([^*]+)\*\*|\*([^*]+)\*/g;
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    const at = m.index ?? 0;
    if (at > last) out.push({ text: text.slice(last, at) });
    if (m[1] !== undefined) out.push({ text: m[1], code: true });
    else if (m[2] !== undefined) out.push({ text: m[2], strong: true });
    else if (m[3] !== undefined) out.push({ text: m[3], em: true });
    last = at + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}

/**
 * The blocks of a briefing. Blank lines separate blocks; a line starting "- " or "1. " starts a
 * list item, and indented lines continue the item above (as the lab files wrap their lines).
 */
export function briefingBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of markdown.replace(/\r\n/g, '\n').split(/\n\s*\n/)) {
    const lines = chunk.split('\n').filter((l) => l.trim() !== '');
    if (lines.length === 0) continue;
    const first = lines[0] ?? '';
    const kind = BULLET.test(first) ? 'ul' : NUMBERED.test(first) ? 'ol' : 'p';
    if (kind === 'p') {
      blocks.push({ kind, inlines: inlines(lines.map((l) => l.trim()).join(' ')) });
      continue;
    }
    const marker = kind === 'ul' ? BULLET : NUMBERED;
    const items: string[] = [];
    for (const line of lines) {
      if (marker.test(line)) items.push(line.replace(marker, ''));
      else items[items.length - 1] = `${items.at(-1) ?? ''} ${line.trim()}`;
    }
    blocks.push({ kind, items: items.map((i) => inlines(i.trim())) });
  }
  return blocks;
}
