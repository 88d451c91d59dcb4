// Finding elements by ARIA role and accessible name inside the page, for Firefox, whose own
// accessibility tree answers a query in about half a second (Chromium's in 30 ms, so Chromium
// asks its tree for every query). The rules are the ARIA in HTML implicit roles and the
// accessible-name computation for the elements this widget and its test pages use; a test in
// e2e/a11y.test.mjs holds them against Firefox's own tree for every named control.

/**
 * Every element under `root` (through open shadow roots) with ARIA role `role` whose name is
 * `name` (a string, exact; `{source, flags}` for a regular expression; null for any), in
 * document order, leaving out what the accessibility tree leaves out (hidden, aria-hidden);
 * with `index`, only that one (or null). Runs in the page; uses nothing but its arguments.
 */
export function findByRole(root, role, name, index) {
  const text = (e) => (e?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const implicit = (e) => {
    const tag = e.localName;
    if (tag === 'input') {
      const type = (e.getAttribute('type') ?? 'text').toLowerCase();
      return { range: 'slider', radio: 'radio', checkbox: 'checkbox', number: 'spinbutton', button: 'button', submit: 'button' }[type]
        ?? (['text', 'search', 'email', 'url', 'tel', ''].includes(type) ? 'textbox' : null);
    }
    if (tag === 'section') return e.hasAttribute('aria-label') || e.hasAttribute('aria-labelledby') ? 'region' : null;
    if (/^h[1-6]$/.test(tag)) return 'heading';
    if (tag === 'a') return e.hasAttribute('href') ? 'link' : null;
    if (tag === 'select') return e.multiple || e.size > 1 ? 'listbox' : 'combobox';
    return {
      button: 'button', output: 'status', fieldset: 'group', ul: 'list', ol: 'list', li: 'listitem',
      textarea: 'textbox', main: 'main', nav: 'navigation', img: 'img', figure: 'figure', table: 'table',
      option: 'option', article: 'article', dialog: 'dialog', form: 'form', meter: 'meter', progress: 'progressbar',
    }[tag] ?? null;
  };
  const roleOf = (e) => e.getAttribute('role')?.trim().split(/\s+/)[0] || implicit(e);
  const hidden = (e) => {
    for (let x = e; x; x = x.parentElement ?? x.getRootNode()?.host) {
      if (x.getAttribute?.('aria-hidden') === 'true' || x.hidden) return true;
      const s = getComputedStyle(x);
      if (s.display === 'none') return true;
      if (x === e && s.visibility === 'hidden') return true;
    }
    return false;
  };
  const byIds = (e, ids) => ids.split(/\s+/).map((id) => e.getRootNode().getElementById?.(id)).filter(Boolean).map(text).join(' ');
  const nameOf = (e) => {
    if (e.hasAttribute('aria-labelledby')) return byIds(e, e.getAttribute('aria-labelledby'));
    const label = e.getAttribute('aria-label');
    if (label !== null && label.trim() !== '') return label.trim();
    if (e.labels?.length) {
      // A label's text, without the text of the control inside it (a select's options).
      return [...e.labels].map((l) => {
        const copy = l.cloneNode(true);
        for (const c of copy.querySelectorAll('select, textarea')) c.remove();
        return text(copy);
      }).join(' ');
    }
    if (e.localName === 'fieldset') return text(e.querySelector(':scope > legend'));
    if (e.localName === 'figure') return text(e.querySelector(':scope > figcaption'));
    if (['button', 'heading', 'link', 'listitem', 'option', 'radio', 'checkbox', 'cell'].includes(roleOf(e)) || /^h[1-6]$/.test(e.localName)) return text(e);
    return (e.getAttribute('title') ?? '').trim();
  };
  const matches = (n) => name === undefined || name === null
    || (typeof name === 'string' ? n === name : new RegExp(name.source, name.flags).test(n));
  const out = [];
  const walk = (node) => {
    for (const e of node.children ?? []) {
      if (roleOf(e) === role && matches(nameOf(e)) && !hidden(e)) out.push(e);
      if (e.shadowRoot) walk(e.shadowRoot);
      walk(e);
    }
  };
  // An element with a shadow root (a widget's host): what it shows is in there.
  if (root.shadowRoot) walk(root.shadowRoot);
  walk(root);
  return typeof index === 'number' ? out[index] ?? null : out;
}

/**
 * `A >>> B`: every element matching B inside each element matching A (from `root`): inside its
 * shadow root if it has one (a script-mounted widget), else among its descendants (the
 * standalone page's widget). Chains (`A >>> B >>> C`) go on in the same way; `>>> B` looks
 * inside `root` itself. Runs in the page; uses nothing but its arguments; with `index`, only
 * that one (or null).
 */
export function deepQuery(root, selector, index) {
  // Without `>>>`: matches anywhere under root, in its light DOM and in every open shadow root
  // within it, in document order of their hosts.
  if (!selector.includes('>>>')) {
    const out = [];
    const walk = (scope) => {
      out.push(...scope.querySelectorAll(selector));
      for (const e of scope.querySelectorAll('*')) if (e.shadowRoot) walk(e.shadowRoot);
    };
    walk(root.shadowRoot && root.nodeType === 1 ? root.shadowRoot : root);
    if (root.nodeType === 1 && root.shadowRoot) {
      // An element with its own shadow root (a widget's host): its light children count too.
      out.unshift(...root.querySelectorAll(selector));
    }
    return typeof index === 'number' ? out[index] ?? null : out;
  }
  let scopes = [root];
  for (const part of selector.split('>>>').map((x) => x.trim())) {
    if (part === '') continue;
    const next = [];
    for (const scope of scopes) {
      const inner = scope === root && !selector.trim().startsWith('>>>') ? scope : scope.shadowRoot ?? scope;
      for (const e of inner.querySelectorAll(part)) if (!next.includes(e)) next.push(e);
    }
    scopes = next;
  }
  return typeof index === 'number' ? scopes[index] ?? null : scopes;
}
