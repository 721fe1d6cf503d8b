/**
 * For `tsc --noEmit`, which cannot read `.astro` files: lets index.ts re-export the blocks.
 * `astro check` resolves each `.astro` file itself and types its props, so this wildcard only
 * stands in where the real component cannot be read.
 */
declare module '*.astro' {
  /** An Astro component, as a module's default export. */
  const Component: (props: Record<string, unknown>) => unknown;
  export default Component;
}
