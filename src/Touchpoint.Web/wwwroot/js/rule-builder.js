// The rule builder: edits the rule JSON in the page's textarea through nested AND/OR groups of
// conditions, and shows a live count of matching customers. Without JavaScript the textarea is the
// editor. Every customer- or user-provided string is set with textContent or .value, never as markup.
(function () {
  'use strict';
  const root = document.querySelector('[data-rule-builder]');
  if (!root) return;
  const textarea = document.getElementById(root.dataset.target);
  const output = document.getElementById(root.dataset.countTarget);
  const form = textarea.form;
  const lists = JSON.parse(document.getElementById('rule-builder-data').textContent || '{}');
  const stages = ['awareness', 'discovery', 'attraction', 'interaction', 'purchase', 'use', 'cultivation', 'advocacy'];
  const conditionTypes = {
    trait: 'Trait', event: 'Event count', score: 'Latest score', lifecycle: 'Lifecycle stage', region: 'Region',
    radius: 'Within a radius', persona: 'Persona', segment: 'Member of segment', consent: 'Consent'
  };
  const traitOps = ['eq', 'neq', 'contains', 'gt', 'gte', 'lt', 'lte', 'exists', 'notExists', 'in'];
  const numericOps = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte'];
  const opLabels = { eq: 'is', neq: 'is not', contains: 'contains', gt: '>', gte: '≥', lt: '<', lte: '≤', exists: 'exists', notExists: 'does not exist', in: 'is one of' };

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => { if (v !== undefined && v !== null) node.setAttribute(k, v); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function select(label, options, value, onChange) {
    const s = el('select', { 'aria-label': label });
    options.forEach(o => {
      const [v, t] = Array.isArray(o) ? o : [o, opLabels[o] || o];
      const opt = el('option', { value: v }, t);
      if (String(v) === String(value)) opt.selected = true;
      s.append(opt);
    });
    s.addEventListener('change', () => onChange(s.value));
    return s;
  }

  function input(label, value, onChange, type) {
    const i = el('input', { 'aria-label': label, type: type || 'text' });
    if (type === 'number') i.step = 'any';
    i.value = value === undefined || value === null ? '' : String(value);
    i.addEventListener('input', () => onChange(i.value));
    return i;
  }

  const num = v => (v === '' || isNaN(Number(v)) ? null : Number(v));

  // The builder's own tree: groups { kind: all|any|none, children } and conditions (rule objects).
  function fromRule(rule) {
    if (!rule || typeof rule !== 'object') return { kind: 'all', children: [] };
    if (rule.type === 'all' || rule.type === 'any') return { kind: rule.type, children: (rule.rules || []).map(fromChild) };
    if (rule.type === 'not') {
      const inner = rule.rule || {};
      return inner.type === 'any' ? { kind: 'none', children: (inner.rules || []).map(fromChild) } : { kind: 'none', children: [fromChild(inner)] };
    }
    return { kind: 'all', children: [fromChild(rule)] };
  }

  function fromChild(rule) {
    return rule && ['all', 'any', 'not'].includes(rule.type) ? fromRule(rule) : Object.assign({}, rule);
  }

  function toRule(node) {
    if (!node.kind) return node;
    const rules = node.children.map(toRule);
    return node.kind === 'none' ? { type: 'not', rule: { type: 'any', rules } } : { type: node.kind, rules };
  }

  let tree;
  try { tree = fromRule(JSON.parse(textarea.value || '{"type":"all","rules":[]}')); } catch { tree = { kind: 'all', children: [] }; }

  function newCondition(type) {
    switch (type) {
      case 'trait': return { type, key: '', op: 'eq', value: '' };
      case 'event': return { type, name: '', op: 'gte', count: 1 };
      case 'score': return { type, metric: 'nps', op: 'gte', value: 9 };
      case 'lifecycle': return { type, stages: [] };
      case 'region': return { type, country: '' };
      case 'radius': return { type, latitude: 0, longitude: 0, km: 50 };
      case 'persona': return { type, persona: (lists.personas[0] || {}).id || '' };
      case 'segment': return { type, segment: (lists.segments[0] || {}).id || '' };
      default: return { type: 'consent', flag: 'email', value: true };
    }
  }

  function renderGroup(group, parent, depth) {
    const box = el('fieldset', { class: 'rule-group', 'data-depth': depth });
    const legend = el('legend');
    legend.append(select(depth === 0 ? 'Match' : 'Group match', [['all', 'All of'], ['any', 'Any of'], ['none', 'None of']], group.kind, v => { group.kind = v; changed(); }));
    box.append(legend);
    const list = el('div', { class: 'rule-children' });
    group.children.forEach((child, index) => {
      const remove = () => { group.children.splice(index, 1); changed(true); };
      list.append(child.kind ? renderGroup(child, remove, depth + 1) : renderCondition(child, remove));
    });
    box.append(list);
    const actions = el('div', { class: 'rule-actions' });
    const typeSelect = select('Condition type', Object.entries(conditionTypes), 'trait', () => {});
    const add = el('button', { type: 'button', class: 'secondary' }, 'Add condition');
    add.addEventListener('click', () => { group.children.push(newCondition(typeSelect.value)); changed(true); });
    const addGroup = el('button', { type: 'button', class: 'secondary' }, 'Add group');
    addGroup.addEventListener('click', () => { group.children.push({ kind: 'any', children: [] }); changed(true); });
    actions.append(typeSelect, add, addGroup);
    if (parent) {
      const remove = el('button', { type: 'button', class: 'link-button' }, 'Remove group');
      remove.addEventListener('click', parent);
      actions.append(remove);
    }
    box.append(actions);
    return box;
  }

  function renderCondition(c, remove) {
    const row = el('div', { class: 'rule-condition', 'data-type': c.type });
    row.append(el('span', { class: 'rule-type' }, conditionTypes[c.type] || c.type));
    const set = (k, v) => { if (v === null || v === '') delete c[k]; else c[k] = v; changed(); };
    switch (c.type) {
      case 'trait': {
        const key = input('Trait key', c.key, v => set('key', v));
        key.setAttribute('list', 'rule-trait-keys');
        const valueInput = input('Value', c.op === 'in' ? (c.values || []).join(', ') : c.value, v => {
          if (c.op === 'in') { c.values = v.split(',').map(s => s.trim()).filter(s => s); delete c.value; changed(); }
          else if (['gt', 'gte', 'lt', 'lte'].includes(c.op) && num(v) !== null) set('value', num(v));
          else set('value', v);
        });
        valueInput.hidden = c.op === 'exists' || c.op === 'notExists';
        row.append(key, select('Operator', traitOps, c.op, v => {
          c.op = v;
          if (v === 'exists' || v === 'notExists') { delete c.value; delete c.values; }
          else if (v === 'in') { c.values = c.value !== undefined && c.value !== '' ? [String(c.value)] : []; delete c.value; }
          else if (c.values) { c.value = c.values[0] || ''; delete c.values; }
          changed(true);
        }), valueInput);
        break;
      }
      case 'event':
        row.append(input('Event name', c.name, v => set('name', v)),
          select('Operator', ['gte', 'lte', 'eq'], c.op, v => set('op', v)),
          input('Count', c.count, v => set('count', num(v)), 'number'),
          input('Within days', c.withinDays, v => set('withinDays', num(v)), 'number'));
        break;
      case 'score':
        row.append(select('Metric', [['nps', 'NPS'], ['csat', 'CSAT'], ['ces', 'CES']], c.metric, v => set('metric', v)),
          select('Operator', numericOps, c.op, v => set('op', v)),
          input('Score', c.value, v => set('value', num(v)), 'number'));
        break;
      case 'lifecycle':
        stages.forEach(stage => {
          const label = el('label', { class: 'inline' });
          const box = el('input', { type: 'checkbox', value: stage });
          box.checked = (c.stages || []).includes(stage);
          box.addEventListener('change', () => { c.stages = stages.filter(s => s === stage ? box.checked : (c.stages || []).includes(s)); changed(); });
          label.append(box, document.createTextNode(' ' + stage));
          row.append(label);
        });
        break;
      case 'region':
        row.append(input('Country', c.country, v => set('country', v)), input('Region', c.region, v => set('region', v)), input('City', c.city, v => set('city', v)));
        break;
      case 'radius':
        row.append(input('Latitude', c.latitude, v => set('latitude', num(v)), 'number'), input('Longitude', c.longitude, v => set('longitude', num(v)), 'number'),
          input('Kilometres', c.km, v => set('km', num(v)), 'number'));
        break;
      case 'persona':
        row.append(select('Persona', lists.personas.map(p => [p.id, p.name]), c.persona, v => set('persona', v)));
        break;
      case 'segment':
        row.append(select('Segment', lists.segments.map(s => [s.id, s.name]), c.segment, v => set('segment', v)));
        break;
      case 'consent':
        row.append(select('Consent flag', ['email', 'sms', 'surveys', 'tracking'], c.flag, v => set('flag', v)),
          select('Consented', [['true', 'given'], ['false', 'not given']], String(c.value), v => { c.value = v === 'true'; changed(); }));
        break;
      default:
        row.append(el('code', {}, JSON.stringify(c)));
    }
    const removeButton = el('button', { type: 'button', class: 'link-button' }, 'Remove');
    removeButton.addEventListener('click', remove);
    row.append(removeButton);
    return row;
  }

  let timer = 0;
  let sequence = 0;
  function changed(redraw) {
    textarea.value = JSON.stringify(toRule(tree), null, 2);
    if (redraw) draw();
    clearTimeout(timer);
    timer = setTimeout(preview, 300);
  }

  async function preview() {
    const mine = ++sequence;
    const body = new FormData();
    body.append('__RequestVerificationToken', form.querySelector('input[name="__RequestVerificationToken"]').value);
    body.append('rule', textarea.value);
    if (root.dataset.self) body.append('self', root.dataset.self);
    output.textContent = '…';
    try {
      const response = await fetch(root.dataset.previewUrl, { method: 'POST', body, credentials: 'same-origin' });
      const result = await response.json();
      if (mine !== sequence) return;
      output.textContent = result.count !== undefined && result.count !== null
        ? String(result.count)
        : 'rule incomplete: ' + Object.values(result.errors || {}).flat().join(' ');
    } catch {
      if (mine === sequence) output.textContent = 'unavailable';
    }
  }

  function draw() {
    root.replaceChildren(renderGroup(tree, null, 0));
  }

  textarea.addEventListener('change', () => {
    try { tree = fromRule(JSON.parse(textarea.value)); draw(); preview(); } catch { output.textContent = 'the JSON does not parse'; }
  });
  const keys = el('datalist', { id: 'rule-trait-keys' });
  lists.traits.forEach(t => keys.append(el('option', { value: t.key }, t.label)));
  root.after(keys);
  root.hidden = false;
  draw();
  preview();
})();
