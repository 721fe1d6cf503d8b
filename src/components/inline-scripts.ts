/**
 * The course's two inline scripts, written once: the layouts print them with `set:html` and
 * astro.config.mjs adds their hashes to the pages' Content-Security-Policy, so the policy needs
 * no 'unsafe-inline'. They stay inline because they must run before anything is bundled: the
 * theme before the first paint, the theme picker as soon as its element exists.
 */

/** Applies a theme the learner picked before the first paint, so the page never flashes. */
export const THEME_PRELOAD = `try{var t=localStorage.getItem('pdl.theme');if(t==='light'||t==='dark')document.documentElement.dataset.theme=t}catch(e){}`;

/** The theme picker's behaviour: follow the system, or force light or dark, remembered. */
export const THEME_TOGGLE = `  customElements.get('theme-toggle') ||
    customElements.define(
      'theme-toggle',
      class extends HTMLElement {
        connectedCallback() {
          var root = document.documentElement;
          var select = this.querySelector('select');
          select.value = root.dataset.theme || 'auto';
          select.onchange = function () {
            if (select.value === 'auto') delete root.dataset.theme;
            else root.dataset.theme = select.value;
            try {
              localStorage.setItem('pdl.theme', select.value);
            } catch (e) {}
          };
        }
      },
    );
`;

/** Every inline script, for the policy's hashes. */
export const INLINE_SCRIPTS: readonly string[] = [THEME_PRELOAD, THEME_TOGGLE];
