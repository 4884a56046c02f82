// migrate dashboard: renders the run state the server pushes over Server-Sent Events. No dependencies, no network
// beyond this server; every text is set with textContent (nothing from the run is parsed as HTML).
'use strict';
(() => {
  const token = new URLSearchParams(location.search).get('token') || '';
  const api = (path, params = {}) => `${path}?${new URLSearchParams({ ...params, token })}`;
  const $ = (id) => document.getElementById(id);
  const SVG = 'http://www.w3.org/2000/svg';
  let state = null;
  let selected = null; // { path, detail, version, key }

  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === 'class') node.className = v;
      else if (k === 'text') node.textContent = v;
      else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v);
    }
    for (const child of children) if (child != null) node.append(child);
    return node;
  };
  const svg = (tag, attrs = {}, text) => {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const usd = (n) => `$${n < 1 ? n.toFixed(4) : n.toFixed(2)}`;
  const tokens = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)}M` : n >= 1e4 ? `${Math.round(n / 1e3)}k` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}k` : String(n));
  const duration = (ms) => {
    const s = Math.max(0, Math.round(ms / 1000));
    if (s < 60) return `${s}s`;
    const m = Math.floor(s / 60);
    return m < 60 ? `${m}m${String(s % 60).padStart(2, '0')}s` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
  };
  const replace = (node, ...children) => node.replaceChildren(...children.filter((c) => c != null));

  function renderHeader() {
    const run = state.run;
    $('run-recipe').textContent = run ? run.recipe : 'migrate';
    $('run-id').textContent = run ? run.id : '';
    const status = $('run-status');
    status.textContent = run ? run.status : 'waiting for the run';
    status.className = `status ${run ? run.status : ''}`;
    const t = state.totals;
    const parts = [`${t.agents} agents`, `${usd(t.usd)}${run && run.budgetUsd !== null ? ` of ${usd(run.budgetUsd)}` : ''}`, `tokens in ${tokens(t.input)} out ${tokens(t.output)} cache read ${tokens(t.cacheRead)} write ${tokens(t.cacheWrite)}`];
    if (run && run.outcome) parts.unshift(`${run.outcome.ok ? 'ok' : 'NOT OK'}: ${run.outcome.summary}`);
    if (state.problem) parts.push(`cannot read the run: ${state.problem}`);
    $('run-summary').textContent = parts.join(' · ');
  }

  function renderPhases() {
    replace(
      $('phases').tBodies[0],
      ...state.phases.map((p) => {
        const share = p.agents === 0 ? (p.finishedAt ? 1 : 0) : p.done / p.agents;
        const fill = el('span');
        fill.style.width = `${Math.round(share * 100)}%`; // CSSOM, which the page's CSP allows (style attributes it does not)
        const bar = el('span', { class: 'bar' }, fill);
        return el('tr', { 'data-phase': p.title }, el('td', { text: `${p.title}${p.finishedAt ? (p.ok ? ' ✓' : ' ✗') : ''}` }), el('td', {}, bar, ` ${p.done}/${p.agents}`), el('td', { text: String(p.failed) }), el('td', { text: usd(p.costUsd) }));
      }),
    );
  }

  /** A line chart: x is time, each series a polyline; `lines` are horizontal markers (the budget). */
  function chart(node, points, series, opts) {
    const W = 480, H = 180, L = 52, R = 10, T = 12, B = 22;
    const children = [];
    if (points.length === 0) {
      children.push(svg('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle' }, 'nothing spent yet'));
      replace(node, ...children);
      return;
    }
    const t0 = points[0].at, t1 = Math.max(points[points.length - 1].at, t0 + 1000);
    // The scale follows the data; a marker (the budget) joins it once the data reaches a third of it, else it is a note.
    const high = Math.max(...series.map((s) => Math.max(...points.map((p) => p[s.key]))), 1e-9);
    const top = Math.max(high * 1.1, ...(opts.lines || []).filter((l) => l.value <= high * 3).map((l) => l.value * 1.05));
    const x = (at) => L + ((at - t0) / (t1 - t0)) * (W - L - R);
    const y = (v) => H - B - (v / top) * (H - T - B);
    children.push(svg('line', { class: 'axis', x1: L, y1: H - B, x2: W - R, y2: H - B }), svg('line', { class: 'axis', x1: L, y1: T, x2: L, y2: H - B }));
    for (const f of [0, 0.5, 1]) children.push(svg('text', { x: L - 4, y: y(top * f) + 3, 'text-anchor': 'end' }, opts.format(top * f)));
    children.push(svg('text', { x: L, y: H - 6 }, '0s'), svg('text', { x: W - R, y: H - 6, 'text-anchor': 'end' }, duration(t1 - t0)));
    for (const line of opts.lines || []) {
      if (line.value > top) children.push(svg('text', { x: W - R, y: T + 8, 'text-anchor': 'end', class: 'budget-note' }, `${line.label} ${opts.format(line.value)} (${Math.round((opts.last / line.value) * 1000) / 10}% spent)`));
      else children.push(svg('line', { class: 'budget-line', x1: L, x2: W - R, y1: y(line.value), y2: y(line.value) }), svg('text', { x: W - R, y: y(line.value) - 3, 'text-anchor': 'end' }, `${line.label} ${opts.format(line.value)}`));
    }
    for (const s of series) {
      const pts = [[x(t0), y(0)], ...points.map((p) => [x(p.at), y(p[s.key])])];
      children.push(svg('polyline', { class: `series ${s.class}`, 'data-series': s.key, points: pts.map(([a, b]) => `${a.toFixed(1)},${b.toFixed(1)}`).join(' ') }));
    }
    replace(node, ...children);
  }

  function renderCharts() {
    const run = state.run;
    const budget = run && run.budgetUsd !== null ? [{ value: run.budgetUsd, label: 'budget' }] : [];
    chart($('cost-chart'), state.series, [{ key: 'usd', class: 'cost-line' }], { format: usd, lines: budget, last: state.totals.usd });
    const kinds = [
      { key: 'input', class: 'tok-input', label: 'in' },
      { key: 'output', class: 'tok-output', label: 'out' },
      { key: 'cacheRead', class: 'tok-cacheRead', label: 'cache read' },
      { key: 'cacheWrite', class: 'tok-cacheWrite', label: 'cache write' },
    ];
    chart($('tokens-chart'), state.series, kinds, { format: tokens });
    const panel = $('tokens-panel');
    let legend = panel.querySelector('.legend');
    if (!legend) panel.append((legend = el('div', { class: 'legend' })));
    replace(legend, ...kinds.map((k) => el('span', {}, svgLegend(k.class), `${k.label} ${tokens(state.totals[k.key])}`)));
  }
  const svgLegend = (cls) => {
    const s = svg('svg', { width: 14, height: 6, class: 'legend-mark' });
    s.append(svg('line', { x1: 0, y1: 3, x2: 14, y2: 3, class: `series ${cls}` }));
    return s;
  };

  function renderAgents() {
    const now = Date.now();
    $('agent-count').textContent = `(${state.agents.length})`;
    replace(
      $('agents').tBodies[0],
      ...state.agents.map((a) => el('tr', { title: a.lastError ? `last error: ${a.lastError}` : a.phase }, el('td', { text: a.label }), el('td', { text: a.model }), el('td', { text: duration(now - a.since) }), el('td', { text: tokens(a.tokens) }))),
    );
    replace($('commands'), ...state.commands.map((c) => el('div', { class: 'command', text: `running ${c.title}… ${duration(now - c.since)}${c.phase ? ` (${c.phase})` : ''}` })));
  }

  function renderFiles() {
    const counts = {};
    for (const item of state.items) counts[item.stage] = (counts[item.stage] || 0) + 1;
    $('file-counts').textContent = `(${state.items.length}: ${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ')})`;
    const box = $('files');
    const existing = new Map([...box.children].map((n) => [n.dataset.path, n]));
    const ordered = state.items.map((item) => {
      const node = existing.get(item.path) || el('button', { class: 'file', type: 'button', onclick: () => select(item.path) });
      node.dataset.path = item.path;
      node.dataset.stage = item.stage;
      node.classList.toggle('selected', selected !== null && selected.path === item.path);
      const verdicts = item.verdicts.map((v) => el('span', { class: `verdict ${v.verdict}`, title: `${v.reviewer}: ${v.verdict} in round ${v.round}, ${v.findings} finding(s)`, text: `${v.verdict === 'approve' ? '✓' : '✗'} ${v.reviewer} ` }));
      replace(
        node,
        el('div', { class: 'name', text: item.path, title: item.path }),
        el('div', { class: 'stage', text: `${item.stage}${item.round ? ` ${item.round}` : ''}` }),
        el('div', { class: 'meta' }, ...verdicts, `TODO ${item.todos}`, item.detail ? el('div', { text: item.detail }) : null),
      );
      return node;
    });
    replace(box, ...ordered);
  }

  function renderFixRounds() {
    if (state.fixRounds.length === 0) return replace($('fix-rounds'), document.createTextNode(state.ended ? 'no fix round' : 'no fix round yet'));
    const rows = state.fixRounds.map((r) =>
      el('tr', {}, el('td', { text: `${r.loop} round ${r.round}` }), el('td', { text: String(r.files.length) }), el('td', { text: r.files.map((f) => `${f.item}${f.detail ? ` (${f.detail})` : ''}`).join(', ') }), el('td', { text: r.cleared.join(', ') || '–' })),
    );
    replace($('fix-rounds'), el('table', {}, el('thead', {}, el('tr', {}, el('th', { text: 'round' }), el('th', { text: 'fixers' }), el('th', { text: 'files and their errors' }), el('th', { text: 'cleared' }))), el('tbody', {}, ...rows)));
  }

  function renderProblems() {
    $('warning-count').textContent = `(${state.warnings.length})`;
    $('failed-count').textContent = `(${state.failed.length})`;
    replace($('warnings'), ...state.warnings.slice(-200).map((w) => el('li', { text: `${w.phase ? `[${w.phase}] ` : ''}${w.message}` })));
    replace($('failed'), ...state.failed.slice(-200).map((f) => el('li', { text: `${f.phase} · ${f.label}: ${f.code}: ${f.message}` })));
  }

  function render() {
    renderHeader();
    renderPhases();
    renderCharts();
    renderAgents();
    renderFiles();
    renderFixRounds();
    renderProblems();
    if (selected) {
      const item = state.items.find((i) => i.path === selected.path);
      const key = item ? `${item.versions}/${item.verdicts.length}/${item.stage}/${item.updatedAt}` : '';
      if (key !== selected.key) void load(selected.path, key, false);
    }
  }

  async function select(path) {
    const item = state.items.find((i) => i.path === path);
    selected = { path, detail: null, version: -1, key: '' };
    renderFiles();
    await load(path, item ? `${item.versions}/${item.verdicts.length}/${item.stage}/${item.updatedAt}` : '', true);
  }

  async function load(path, key, fresh) {
    const res = await fetch(api('api/item', { path }));
    if (!selected || selected.path !== path) return;
    selected.key = key;
    if (!res.ok) {
      selected.detail = { path, versions: [], reviews: [], stages: [], diffs: [] };
    } else selected.detail = await res.json();
    const last = selected.detail.versions.length - 1;
    if (fresh || selected.version > last || selected.version === -1 || selected.followLatest) {
      selected.version = last;
      selected.followLatest = true;
    }
    renderDetail();
  }

  function codeTable(node, text, findings) {
    const byLine = new Map();
    for (const f of findings) byLine.set(f.line, [...(byLine.get(f.line) || []), f]);
    const rows = [];
    const lines = text === undefined ? [] : text.replace(/\n$/, '').split('\n');
    lines.forEach((line, i) => {
      const n = i + 1;
      const flagged = byLine.get(n);
      rows.push(el('tr', { 'data-line': String(n), class: flagged ? 'flagged' : '' }, el('td', { class: 'ln', text: String(n) }), el('td', { text: line })));
      for (const f of flagged || []) rows.push(el('tr', { class: 'finding', 'data-finding-line': String(n) }, el('td', { class: 'ln', text: '▲' }), el('td', {}, el('strong', { text: `${f.reviewer} (round ${f.round}): ` }), f.problem, f.evidence ? el('div', { class: 'muted', text: `evidence: ${f.evidence}` }) : null)));
    });
    // Findings on lines past the end of the file still show, at the end.
    for (const [n, list] of byLine) if (n > lines.length || n < 1) for (const f of list) rows.push(el('tr', { class: 'finding', 'data-finding-line': String(n) }, el('td', { class: 'ln', text: String(n) }), el('td', { text: `${f.reviewer} (round ${f.round}): ${f.problem}` })));
    replace(node, ...rows);
  }

  function renderDetail() {
    const d = selected && selected.detail;
    $('detail-panel').hidden = !d;
    if (!d) return;
    $('detail-title').textContent = d.path;
    $('detail-stages').textContent = d.stages.map((s) => `${s.stage}${s.round ? ` ${s.round}` : ''}`).join(' → ');
    const v = selected.version;
    replace(
      $('detail-versions'),
      ...d.versions.map((ver, i) => {
        const reviews = d.reviews.filter((r) => r.version === i);
        const label = `version ${i + 1}${reviews.length > 0 ? ` (review round ${reviews[0].round})` : ''}${ver.note ? ` ${ver.note}` : ''}`;
        return el('button', { type: 'button', 'data-version': String(i), class: i === v ? 'active' : '', text: label, onclick: () => { selected.version = i; selected.followLatest = i === d.versions.length - 1; renderDetail(); } });
      }),
    );
    const reviews = d.reviews.filter((r) => r.version === v);
    replace($('detail-reviews'), ...reviews.map((r) => el('div', { class: `verdict ${r.verdict}`, text: `${r.reviewer} reviewer, round ${r.round}: ${r.verdict}${r.findings.length ? `, ${r.findings.length} finding(s)` : ''}` })));
    $('source-title').textContent = d.source ? d.source.path : 'source (not reported)';
    codeTable($('source-code'), d.source && d.source.text, []);
    const version = d.versions[v];
    $('output-title').textContent = version ? `${version.path} — version ${v + 1} of ${d.versions.length}${version.todos !== undefined ? `, ${version.todos} TODO` : ''}` : 'output (none yet)';
    codeTable($('output-code'), version && version.text, reviews.flatMap((r) => r.findings.map((f) => ({ ...f, reviewer: r.reviewer, round: r.round }))));
    const diff = v > 0 ? d.diffs[v] : '';
    $('diff-title').hidden = $('detail-diff').hidden = !diff;
    replace($('detail-diff'), ...(diff || '').split('\n').map((line) => el('div', { class: line.startsWith('@@') ? 'hunk' : line.startsWith('+') ? 'add' : line.startsWith('-') ? 'del' : '', text: line || ' ' })));
  }

  function connect() {
    const source = new EventSource(api('api/events'));
    source.addEventListener('state', (e) => {
      state = JSON.parse(e.data);
      document.body.dataset.connected = 'true';
      render();
    });
    source.addEventListener('error', () => {
      document.body.dataset.connected = 'false';
      if (state && state.ended) {
        // The run ended and the command serving this page stopped: keep what is shown.
        source.close();
        $('run-status').textContent += ' (dashboard stopped)';
      }
    });
  }
  setInterval(() => state && renderAgents(), 1000);
  connect();
})();
