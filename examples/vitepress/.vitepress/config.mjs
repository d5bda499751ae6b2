import { defineConfig } from 'vitepress';

export default defineConfig({
  title: 'rnn-playground in VitePress',
  description: 'Two live recurrent networks on a documentation page',
  head: [['link', { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' }]],
  vue: {
    template: {
      // <rnn-playground> is a custom element, not a Vue component.
      compilerOptions: { isCustomElement: (tag) => tag.startsWith('rnn-') },
    },
  },
  vite: {
    // The package finds its .wasm files with new URL(…, import.meta.url); Vite's dependency
    // pre-bundling (dev server only) would move the module away from them.
    optimizeDeps: { exclude: ['rnn-playground'] },
  },

  // The rest makes the pages work under a strict Content-Security-Policy (script-src 'self';
  // style-src 'self'), as the element does: no inline script, no style attribute.
  appearance: false, // the dark-mode switch sets its class with an inline script
  metaChunk: true, // the pages' metadata in a file of its own, not an inline script
  contentProps: { class: 'content' }, // instead of style="position: relative" around each page
  // VitePress adds this inline script to every page for its default theme's keyboard hints.
  transformHtml: (html) => html.replace(/<script id="check-mac-os">[^<]*<\/script>/, ''),
});
