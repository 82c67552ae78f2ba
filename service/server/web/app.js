// textlens web page: sends the pasted text or the dropped file to
// POST /v1/analyze and draws the answer. No dependencies, no build step.
'use strict';

const $ = (id) => document.getElementById(id);
const state = { file: null };

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child != null) node.append(child);
  }
  return node;
}

// "ENTITY_TYPE_ORGANIZATION" -> "ORGANIZATION"
const short = (value, prefix) => (value || '').replace(prefix, '') || 'UNSPECIFIED';
const words = (value) => value.toLowerCase().replace(/_/g, ' ');
const span = (s) => ({ begin: (s && s.begin) || 0, end: (s && s.end) || 0 });

function headers() {
  const h = { 'Content-Type': 'application/json' };
  const token = $('token').value.trim();
  if (token) h.Authorization = 'Bearer ' + token;
  return h;
}

async function call(method, path, body) {
  const response = await fetch(path, {
    method, headers: headers(), body: body ? JSON.stringify(body) : undefined,
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(`${response.status} ${json.code || ''}: ${json.message || response.statusText}`);
  }
  return json;
}

function setStatus(text, error) {
  $('status').textContent = text;
  $('status').className = error ? 'error' : '';
}

async function loadServer() {
  try {
    const info = await call('GET', '/v1/info');
    $('server-info').textContent = `server ${info.version}, documents up to ${info.max_document_bytes} bytes`;
  } catch (e) { /* the page works without it */ }
  let names = ['entities', 'stance', 'summarizer'];
  try {
    const list = await call('GET', '/v1/analyzers');
    names = (list.analyzers || []).map((a) => a.name);
  } catch (e) {
    setStatus('Cannot list the analyzers: ' + e.message, true);
  }
  const box = $('analyzers');
  for (const name of names) {
    const input = el('input', { type: 'checkbox', name: 'analyzer', value: name });
    input.checked = true;
    box.append(el('label', {}, input, ' ' + name));
  }
}

// Files go as bytes (document.content, base64); the server reads HTML,
// Markdown, PDF and text.
function typeOf(file) {
  const name = file.name.toLowerCase();
  if (/\.html?$/.test(name)) return 'text/html';
  if (/\.(md|markdown)$/.test(name)) return 'text/markdown';
  if (/\.pdf$/.test(name)) return 'application/pdf';
  if (/\.txt$/.test(name)) return 'text/plain';
  return file.type || '';
}

function takeFile(file) {
  const reader = new FileReader();
  reader.onload = () => {
    const url = String(reader.result);
    state.file = { name: file.name, content: url.slice(url.indexOf(',') + 1), type: typeOf(file) };
    $('file-name').textContent = `${file.name} (${file.size} bytes) will be analyzed`;
    $('clear-file').hidden = false;
  };
  reader.readAsDataURL(file);
}

function forgetFile() {
  state.file = null;
  $('file').value = '';
  $('file-name').textContent = '';
  $('clear-file').hidden = true;
}

function buildRequest() {
  const analyzers = [...document.querySelectorAll('input[name=analyzer]:checked')]
    .map((input) => ({ name: input.value }));
  const doc = state.file
    ? { content: state.file.content, content_type: state.file.type || undefined, id: state.file.name }
    : { text: $('text').value };
  return { document: doc, analyzers, offset_unit: 'OFFSET_UNIT_UTF16_CODE_UNITS' };
}

async function analyze(event) {
  event.preventDefault();
  if (!state.file && !$('text').value.trim()) {
    setStatus('Paste a text or choose a file first.', true);
    $('text').focus();
    return;
  }
  setStatus('Analyzing…');
  $('run').disabled = true;
  const started = performance.now();
  try {
    const response = await call('POST', '/v1/analyze', buildRequest());
    render(response);
    setStatus(`Analyzed in ${Math.round(performance.now() - started)} ms.`);
  } catch (e) {
    setStatus(e.message, true);
  } finally {
    $('run').disabled = false;
  }
}

// --- the answer -----------------------------------------------------------

function resultsByKind(response) {
  const out = { errors: [] };
  for (const result of response.results || []) {
    if (result.status && result.status.code) {
      out.errors.push(`${result.analyzer}: ${result.status.message || result.status.code}`);
    }
    for (const warning of result.warnings || []) out.errors.push(`${result.analyzer}: ${warning}`);
    if (result.entities) out.entities = result.entities.entities || [];
    if (result.summary) out.summary = result.summary;
    if (result.stance) out.stance = result.stance;
  }
  return out;
}

function render(response) {
  const found = resultsByKind(response);
  const info = response.document_info || {};
  const language = response.language ? response.language.code : '?';
  $('doc-info').textContent = [info.title, `language ${language}`, info.content_type].filter(Boolean).join(' · ');
  renderLegend(found.entities || []);
  renderDocument(response.text || '', found);
  renderSummary(found.summary);
  renderStance(found.stance);
  $('errors-panel').hidden = found.errors.length === 0;
  $('analyzer-errors').replaceChildren(...found.errors.map((e) => el('li', { text: e })));
  $('results').hidden = false;
}

function renderLegend(entities) {
  const counts = new Map();
  for (const entity of entities) {
    const type = short(entity.type, 'ENTITY_TYPE_');
    counts.set(type, (counts.get(type) || 0) + 1);
  }
  $('legend').replaceChildren(...[...counts].map(([type, n]) =>
    el('span', { class: 'ent-' + type, text: `${words(type)} ${n}` })));
}

// Annotations over the text: sentences (summary, evidence) and inline marks
// (entity mentions, cue words), drawn as one span per stretch between
// boundaries; a mention's stretches share one focusable <mark>.
function annotations(found) {
  const sentences = [];
  const mentions = [];
  const cues = [];
  for (const entity of found.entities || []) {
    for (const mention of entity.mentions || []) mentions.push({ ...span(mention.span), entity });
  }
  for (const sentence of (found.summary && found.summary.sentences) || []) {
    sentences.push({ ...span(sentence.span), kind: 'summary-sentence', rank: sentence.rank });
  }
  for (const evidence of (found.stance && found.stance.evidence) || []) {
    sentences.push({ ...span(evidence.span), kind: 'evidence-sentence' });
    for (const cue of evidence.cues || []) cues.push({ ...span(cue.span), side: short(cue.side, 'SIDE_') });
  }
  return { sentences, mentions, cues };
}

function renderDocument(text, found) {
  const { sentences, mentions, cues } = annotations(found);
  const cuts = new Set([0, text.length]);
  for (const a of [...sentences, ...mentions, ...cues]) { cuts.add(a.begin); cuts.add(a.end); }
  const points = [...cuts].filter((p) => p >= 0 && p <= text.length).sort((a, b) => a - b);
  const container = $('document');
  container.replaceChildren();
  const ranked = new Set();
  let mark = null;
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const covers = (x) => x.begin <= a && b <= x.end;
    const piece = el('span', { text: text.slice(a, b) });
    const classes = sentences.filter(covers).map((s) => s.kind);
    const cue = cues.find(covers);
    if (cue) classes.push('cue', 'cue-' + cue.side);
    piece.className = classes.join(' ');
    const summary = sentences.find((s) => covers(s) && s.kind === 'summary-sentence');
    if (summary && !ranked.has(summary) && summary.begin === a) {
      ranked.add(summary);
      container.append(el('span', { class: 'rank', text: String(summary.rank || ''), 'aria-label': `summary sentence ${summary.rank}` }));
    }
    const mention = mentions.find(covers);
    if (!mention) { mark = null; container.append(piece); continue; }
    if (!mark || mark.mention !== mention) {
      mark = entityMark(mention);
      container.append(mark.node);
    }
    mark.node.append(piece);
  }
}

function entityMark(mention) {
  const entity = mention.entity;
  const type = short(entity.type, 'ENTITY_TYPE_');
  const node = el('mark', {
    class: 'ent ent-' + type, tabindex: '0',
    'aria-label': `${entity.canonical_name}, ${words(type)}`,
  });
  node.addEventListener('mouseenter', () => showTooltip(node, entity));
  node.addEventListener('focus', () => showTooltip(node, entity));
  node.addEventListener('mouseleave', hideTooltip);
  node.addEventListener('blur', hideTooltip);
  return { node, mention };
}

function showTooltip(node, entity) {
  const rows = [
    ['Name', entity.canonical_name],
    ['Type', words(short(entity.type, 'ENTITY_TYPE_'))],
    ['KB id', entity.kb_id || '—'],
    ['Openness', entity.openness ? words(short(entity.openness, 'OPENNESS_')) : '—'],
    ['Owner', entity.owner || '—'],
    ['Salience', (entity.salience || 0).toFixed(2)],
  ];
  if (entity.normalized_value) rows.push(['Value', entity.normalized_value]);
  const tip = $('tooltip');
  tip.replaceChildren(el('dl', {}, ...rows.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })])));
  tip.hidden = false;
  const box = node.getBoundingClientRect();
  const left = Math.min(box.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 4);
  tip.style.left = Math.max(4, left) + 'px';
  tip.style.top = (box.bottom + window.scrollY + 6) + 'px';
  node.setAttribute('aria-describedby', 'tooltip');
}

function hideTooltip() {
  $('tooltip').hidden = true;
}

function renderSummary(summary) {
  const sentences = ((summary && summary.sentences) || []).slice().sort((a, b) => (a.rank || 0) - (b.rank || 0));
  $('summary').replaceChildren(...sentences.map((s) =>
    el('li', {}, s.text, el('span', { class: 'muted', text: ` (score ${(s.score || 0).toFixed(2)})` }))));
  if (!summary) $('summary').replaceChildren(el('li', { class: 'muted', text: 'The summarizer did not run.' }));
  $('key-phrases').replaceChildren(...((summary && summary.key_phrases) || []).map((k) => el('li', { text: k.text })));
}

const kStanceWords = {
  STANCE_LABEL_PRO_OPEN: 'leans toward open-source AI',
  STANCE_LABEL_PRO_CLOSED: 'leans toward closed AI',
  STANCE_LABEL_MIXED: 'mixed',
  STANCE_LABEL_NEUTRAL: 'neutral',
};

function renderStance(stance) {
  const score = (stance && stance.score) || 0;
  const label = stance ? kStanceWords[stance.label] || 'unknown' : 'the stance analyzer did not run';
  $('gauge-needle').style.left = `${((score + 1) / 2) * 100}%`;
  $('gauge').setAttribute('aria-valuenow', score.toFixed(2));
  $('gauge').setAttribute('aria-valuetext', `${label}, score ${score.toFixed(2)}`);
  $('stance-label').textContent = stance
    ? `${label} (score ${score.toFixed(2)}, confidence ${(stance.confidence || 0).toFixed(2)})` : label;
  const evidence = (stance && stance.evidence) || [];
  $('evidence').replaceChildren(...evidence.map(evidenceItem));
  const rows = ((stance && stance.actors) || []).map((actor) => {
    const side = short(actor.side, 'SIDE_');
    return el('tr', {},
      el('td', { text: actor.name }), el('td', { class: 'side-' + side, text: words(side) }),
      el('td', { text: (actor.score || 0).toFixed(2) }), el('td', { text: String(actor.sentences || 0) }));
  });
  $('actors').tBodies[0].replaceChildren(...rows);
}

// The sentence with its cue words highlighted (offsets are the document's).
function evidenceItem(evidence) {
  const base = span(evidence.span).begin;
  const text = evidence.text || '';
  const item = el('li', {});
  let at = 0;
  const cues = (evidence.cues || []).map((c) => ({ ...span(c.span), side: short(c.side, 'SIDE_') }))
    .sort((a, b) => a.begin - b.begin);
  for (const cue of cues) {
    const [a, b] = [cue.begin - base, cue.end - base];
    if (a < at || b > text.length) continue;
    item.append(text.slice(at, a), el('span', { class: 'cue cue-' + cue.side, text: text.slice(a, b) }));
    at = b;
  }
  item.append(text.slice(at));
  const target = words(short(evidence.target, 'SIDE_'));
  item.append(el('span', { class: 'muted', text: ` (about ${target}, polarity ${(evidence.polarity || 0).toFixed(2)}${evidence.negated ? ', negated' : ''})` }));
  return item;
}

// --- wiring -----------------------------------------------------------------

// A report written by `textlens analyze --format=html`: the analysis is in
// the file; there is no server to ask.
function showReport(response) {
  $('input').hidden = true;
  $('server-info').textContent = 'report written by textlens analyze --format=html';
  render(response);
}

function wire() {
  if (window.TEXTLENS_REPORT) {
    showReport(window.TEXTLENS_REPORT);
    return;
  }
  $('input').addEventListener('submit', analyze);
  $('text').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) $('input').requestSubmit();
  });
  $('text').addEventListener('input', () => { if (state.file) forgetFile(); });
  $('file').addEventListener('change', () => { if ($('file').files[0]) takeFile($('file').files[0]); });
  $('clear-file').addEventListener('click', forgetFile);
  const area = $('text');
  area.addEventListener('dragover', (e) => { e.preventDefault(); area.classList.add('drop'); });
  area.addEventListener('dragleave', () => area.classList.remove('drop'));
  area.addEventListener('drop', (e) => {
    e.preventDefault();
    area.classList.remove('drop');
    if (e.dataTransfer.files[0]) takeFile(e.dataTransfer.files[0]);
  });
  document.addEventListener('keydown', (e) => { if (e.key === 'Escape') hideTooltip(); });
  loadServer();
}

wire();
