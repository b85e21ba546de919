// The evidence table page. It renders what the extension posts and asks the extension to sort,
// filter, open and export, so the order shown is always the order core computed. Every value is
// written with textContent or setAttribute on elements made here: data never becomes markup.
// @ts-check
(function () {
  // @ts-ignore acquireVsCodeApi is provided by the webview host
  const vscode = acquireVsCodeApi();
  const SVG = 'http://www.w3.org/2000/svg';
  // The group column is shown as the design cell's colour, so the Design header sorts by group
  // (evidence order), which is what a reviewer sorting by design wants.
  const HIDDEN = new Set(['group']);
  const SORT_KEY = { design: 'group' };
  // Evidence order of DESIGN_GROUPS, for the legend; colours come from the stylesheet by id.
  const GROUP_ORDER = ['synthesis', 'rct', 'non-randomised', 'observational', 'case', 'preclinical', 'narrative', 'other', 'unknown'];

  const filter = /** @type {HTMLInputElement} */ (document.getElementById('filter'));
  const count = /** @type {HTMLElement} */ (document.getElementById('count'));
  const exportButton = /** @type {HTMLButtonElement} */ (document.getElementById('export'));
  const chart = /** @type {HTMLElement} */ (document.getElementById('chart'));
  const head = /** @type {HTMLElement} */ (document.getElementById('head'));
  const body = /** @type {HTMLElement} */ (document.getElementById('body'));
  const caption = /** @type {HTMLElement} */ (document.getElementById('caption'));
  const empty = /** @type {HTMLElement} */ (document.getElementById('empty'));

  /** @param {string} template @param {...(string|number)} args */
  const format = (template, ...args) => template.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)]));

  let filterTimer = 0;
  filter.addEventListener('input', () => {
    clearTimeout(filterTimer);
    filterTimer = setTimeout(() => vscode.postMessage({ type: 'filter', text: filter.value }), 150);
  });
  exportButton.addEventListener('click', () => vscode.postMessage({ type: 'export' }));

  /** @param {string} tag @param {string} [text] @param {string} [className] */
  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  /** @param {string} tag @param {Record<string, string|number>} attrs */
  function svg(tag, attrs) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    return node;
  }

  const open = (/** @type {any} */ row) => vscode.postMessage({ type: 'open', file: row.file });

  function renderHead(/** @type {any[]} */ columns, /** @type {any} */ view) {
    head.replaceChildren();
    for (const column of columns) {
      if (HIDDEN.has(column.key)) continue;
      const key = SORT_KEY[/** @type {keyof SORT_KEY} */ (column.key)] ?? column.key;
      const th = el('th');
      th.scope = 'col';
      if (column.numeric) th.className = 'num';
      th.setAttribute('aria-sort', view.sort === key ? (view.descending ? 'descending' : 'ascending') : 'none');
      const button = el('button', column.label);
      button.type = 'button';
      button.dataset.key = key;
      button.addEventListener('click', () => vscode.postMessage({ type: 'sort', key }));
      th.append(button);
      head.append(th);
    }
  }

  function renderBody(/** @type {any[]} */ columns, /** @type {any[]} */ rows) {
    body.replaceChildren();
    for (const row of rows) {
      const tr = el('tr');
      tr.tabIndex = 0;
      if (row.retracted === 'yes') tr.className = 'retracted';
      tr.addEventListener('click', () => open(row));
      tr.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') open(row);
      });
      for (const column of columns) {
        if (HIDDEN.has(column.key)) continue;
        const value = row[column.key];
        const td = el('td', value === undefined ? '' : String(value), column.numeric ? 'num' : `col-${column.key}`);
        if (column.key === 'design') {
          td.prepend(el('span', undefined, `swatch g-${row.groupId}`));
          td.title = row.group;
        }
        tr.append(td);
      }
      body.append(tr);
    }
  }

  function renderChart(/** @type {any[]} */ rows, /** @type {Record<string,string>} */ strings) {
    chart.replaceChildren();
    const plotted = rows.filter((r) => typeof r.year === 'number' && typeof r.n === 'number' && r.n > 0);
    if (plotted.length === 0) return;
    const W = 720, H = 260, left = 56, right = 250, top = 14, bottom = 40;
    const plotW = W - left - right, plotH = H - top - bottom;
    const years = plotted.map((r) => r.year);
    const x0 = Math.min(...years) - 1, x1 = Math.max(...years) + 1;
    const logs = plotted.map((r) => Math.log10(r.n));
    const y0 = Math.floor(Math.min(...logs)), y1 = Math.max(Math.ceil(Math.max(...logs)), y0 + 1);
    // The decades sit a few pixels inside the frame so a point on a power of ten is not cut by it.
    const inset = 8;
    const x = (/** @type {number} */ year) => left + ((year - x0) / (x1 - x0)) * plotW;
    const y = (/** @type {number} */ n) => top + plotH - inset - ((Math.log10(n) - y0) / (y1 - y0)) * (plotH - 2 * inset);

    const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', class: 'chart' });
    const title = svg('title', {});
    title.textContent = strings.chart;
    root.append(title);
    root.append(svg('rect', { x: left, y: top, width: plotW, height: plotH, class: 'frame' }));
    for (let p = y0; p <= y1; p++) {
      const n = 10 ** p;
      root.append(svg('line', { x1: left, x2: left + plotW, y1: y(n), y2: y(n), class: 'grid' }));
      const label = svg('text', { x: left - 6, y: y(n) + 4, class: 'tick', 'text-anchor': 'end' });
      label.textContent = String(n);
      root.append(label);
    }
    const step = Math.max(1, Math.ceil((x1 - x0) / 10));
    for (let year = x0 + 1; year < x1; year += step) {
      const label = svg('text', { x: x(year), y: top + plotH + 16, class: 'tick', 'text-anchor': 'middle' });
      label.textContent = String(year);
      root.append(label);
    }
    const xLabel = svg('text', { x: left + plotW / 2, y: H - 4, class: 'axis', 'text-anchor': 'middle' });
    xLabel.textContent = strings.xAxis;
    const yLabel = svg('text', { x: -(top + plotH / 2), y: 14, class: 'axis', 'text-anchor': 'middle', transform: 'rotate(-90)' });
    yLabel.textContent = strings.yAxis;
    root.append(xLabel, yLabel);

    // Studies of the same year and size would hide each other: later ones move sideways a little.
    const seen = new Map();
    for (const row of plotted) {
      const spot = `${row.year}|${row.n}`;
      const k = seen.get(spot) ?? 0;
      seen.set(spot, k + 1);
      const point = svg('circle', { cx: x(row.year) + k * 7, cy: y(row.n), r: 5, class: `point g-${row.groupId}${row.retracted === 'yes' ? ' retracted' : ''}` });
      const tip = svg('title', {});
      tip.textContent = `${row.id} (${row.year}), n = ${row.n}, ${row.group}${row.title ? `\n${row.title}` : ''}`;
      point.append(tip);
      point.addEventListener('click', () => open(row));
      root.append(point);
    }

    const groups = GROUP_ORDER.filter((g) => plotted.some((r) => r.groupId === g));
    groups.forEach((g, i) => {
      const ly = top + 10 + i * 20;
      root.append(svg('circle', { cx: W - right + 20, cy: ly, r: 5, class: `point g-${g}` }));
      const label = svg('text', { x: W - right + 32, y: ly + 4, class: 'legend' });
      label.textContent = plotted.find((r) => r.groupId === g).group;
      root.append(label);
    });
    if (plotted.some((r) => r.retracted === 'yes')) {
      const ly = top + 10 + groups.length * 20;
      root.append(svg('circle', { cx: W - right + 20, cy: ly, r: 5, class: 'point retracted hollow' }));
      const label = svg('text', { x: W - right + 32, y: ly + 4, class: 'legend' });
      label.textContent = strings.retracted;
      root.append(label);
    }
    chart.append(root);
    const missing = rows.length - plotted.length;
    if (missing > 0) chart.append(el('figcaption', format(strings.unplotted, missing)));
  }

  window.addEventListener('message', (event) => {
    const m = event.data;
    if (!m || m.type !== 'rows') return;
    const s = m.strings;
    filter.placeholder = s.filter;
    filter.setAttribute('aria-label', s.filter);
    if (document.activeElement !== filter) filter.value = m.view.filter;
    exportButton.textContent = s.exportCsv;
    caption.textContent = s.caption;
    count.textContent = format(s.count, m.rows.length, m.total);
    empty.textContent = s.empty;
    empty.hidden = m.rows.length > 0;
    renderHead(m.columns, m.view);
    renderBody(m.columns, m.rows);
    renderChart(m.rows, s);
  });
  vscode.postMessage({ type: 'ready' });
})();
