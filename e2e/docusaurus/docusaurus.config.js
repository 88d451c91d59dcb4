// The test site of e2e/docusaurus.test.mjs, set up as docs/EMBEDDING.md's Docusaurus recipe
// says: the widget's script in `scripts` (a script tag inside MDX does not run when a reader
// arrives by a client-side link), and the widgets as plain <div data-loss-explorer> in MDX.
// LOSS_EXPLORER_URL is where the test serves the widget's build.
const widget = process.env.LOSS_EXPLORER_URL ?? '/loss-explorer.js';

/** @type {import('@docusaurus/types').Config} */
export default {
  title: 'Cross-entropy notes',
  favicon: 'img/favicon.svg',
  url: 'http://127.0.0.1',
  baseUrl: '/docusaurus/',
  onBrokenLinks: 'throw',
  trailingSlash: false,
  scripts: [{ src: widget, type: 'module' }],
  presets: [
    [
      'classic',
      {
        docs: { routeBasePath: '/', sidebarPath: './sidebars.js' },
        blog: false,
        pages: false,
        theme: {},
      },
    ],
  ],
  themeConfig: {
    colorMode: { defaultMode: 'light', respectPrefersColorScheme: false },
    navbar: { title: 'Cross-entropy notes' },
  },
};
