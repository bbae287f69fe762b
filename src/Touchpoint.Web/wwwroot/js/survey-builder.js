// The survey builder: edits the definition JSON in the page's textarea through pages, questions,
// display conditions, branch rules, languages and theme. Without JavaScript the textarea is the
// editor. The server validates on save; its errors come back keyed by JSON path and are shown next
// to the field with that path. Every user-provided string is set with textContent or .value.
(function () {
  'use strict';
  const root = document.querySelector('[data-survey-builder]');
  if (!root) return;
  const textarea = document.getElementById(root.dataset.target);
  const jsonCard = document.getElementById(root.dataset.jsonCard);
  const form = textarea.form;
  let errors = {};
  try { errors = JSON.parse(root.dataset.errors || '{}'); } catch { errors = {}; }

  const types = {
    nps: 'NPS (0-10)', csat: 'CSAT (1-5)', ces: 'CES (1-7)', rating: 'Rating (stars)', single: 'Single choice',
    multiple: 'Multiple choice', text: 'Free text', matrix: 'Matrix (Likert)', ranking: 'Ranking', hidden: 'Hidden field'
  };
  const withChoices = ['single', 'multiple', 'ranking', 'matrix'];
  const scaled = ['nps', 'csat', 'ces', 'rating'];
  const opLabels = {
    eq: 'is', neq: 'is not', lt: '<', lte: '≤', gt: '>', gte: '≥', in: 'is one of (comma separated)',
    contains: 'contains', answered: 'is answered', notAnswered: 'is not answered'
  };
  const always = ['answered', 'notAnswered'];
  const comparisons = ['eq', 'neq', 'lt', 'lte', 'gt', 'gte'];
  // The same operators per type the server accepts (DefinitionValidator.OperatorsFor).
  function opsFor(type) {
    if (scaled.includes(type)) return comparisons.concat(['in'], always);
    if (type === 'single') return ['eq', 'neq', 'in'].concat(always);
    if (type === 'multiple') return ['contains', 'in'].concat(always);
    if (type === 'text') return ['eq', 'neq', 'contains'].concat(always);
    if (type === 'hidden') return comparisons.concat(['in', 'contains'], always);
    return always;
  }

  let model;

  function parse() {
    try {
      const parsed = JSON.parse(textarea.value);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return false;
      model = parsed;
      model.defaultLanguage = model.defaultLanguage || 'en';
      if (!Array.isArray(model.languages) || model.languages.length === 0) model.languages = [model.defaultLanguage];
      if (!Array.isArray(model.pages)) model.pages = [];
      model.pages.forEach(p => {
        if (!Array.isArray(p.questions)) p.questions = [];
        if (!Array.isArray(p.branches)) p.branches = [];
      });
      if (!model.theme || typeof model.theme !== 'object') model.theme = {};
      return true;
    } catch {
      return false;
    }
  }

  function sync() { textarea.value = JSON.stringify(model, null, 2); }

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => { if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? '' : v); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function button(text, onClick, attrs) {
    const b = el('button', Object.assign({ type: 'button', class: 'secondary' }, attrs || {}), text);
    b.addEventListener('click', onClick);
    return b;
  }

  function field(labelText, control, path) {
    const wrap = el('div', { class: 'builder-field', 'data-path': path });
    const label = el('label', {}, labelText);
    const id = 'b' + Math.random().toString(36).slice(2, 10);
    control.id = id;
    label.htmlFor = id;
    wrap.append(label, control);
    return wrap;
  }

  function textInput(value, onInput, attrs) {
    const i = el('input', Object.assign({ type: 'text' }, attrs || {}));
    i.value = value === undefined || value === null ? '' : String(value);
    i.addEventListener('input', () => { onInput(i.value); sync(); });
    return i;
  }

  function select(options, value, onChange, attrs) {
    const s = el('select', attrs || {});
    options.forEach(([v, t]) => {
      const o = el('option', { value: v }, t);
      if (String(v) === String(value)) o.selected = true;
      s.append(o);
    });
    s.addEventListener('change', () => { onChange(s.value); sync(); });
    return s;
  }

  // Texts are {"en": "...", "de": "..."}; a plain string is the default language's text.
  function localized(owner, key) {
    const value = owner[key];
    if (typeof value === 'string') owner[key] = { [model.defaultLanguage]: value };
    else if (!value || typeof value !== 'object') owner[key] = {};
    return owner[key];
  }

  // One box per language, the default first; an empty optional text is left out of the JSON.
  function textField(labelText, owner, key, path, optional) {
    const wrap = el('div', { class: 'builder-field', 'data-path': path });
    const texts = localized(owner, key);
    model.languages.forEach(language => {
      const label = el('label', {}, model.languages.length > 1 ? `${labelText} (${language})` : labelText);
      const input = textInput(texts[language], v => {
        if (v === '') delete texts[language]; else texts[language] = v;
        if (optional && Object.keys(texts).length === 0) delete owner[key]; else owner[key] = texts;
      }, { lang: language });
      const id = 'b' + Math.random().toString(36).slice(2, 10);
      input.id = id;
      label.htmlFor = id;
      wrap.append(label, input);
    });
    if (optional && Object.keys(texts).length === 0) delete owner[key];
    return wrap;
  }

  function uniqueId(prefix, taken) {
    let n = 1;
    while (taken.includes(prefix + n)) n++;
    return prefix + n;
  }

  function allQuestions() { return model.pages.flatMap(p => p.questions); }

  function move(list, index, delta) {
    const target = index + delta;
    if (target < 0 || target >= list.length) return;
    [list[index], list[target]] = [list[target], list[index]];
    changed();
  }

  // A structural change: redraw, and drop server errors whose paths may no longer match.
  function changed() {
    errors = {};
    sync();
    render();
  }

  function setType(question, type) {
    question.type = type;
    if (withChoices.includes(type)) {
      if (!Array.isArray(question.choices) || question.choices.length === 0) {
        question.choices = [1, 2].map(n => ({ value: 'option' + n, text: { [model.defaultLanguage]: 'Option ' + n } }));
      }
    } else {
      delete question.choices;
    }
    if (type === 'matrix') {
      if (!Array.isArray(question.rows) || question.rows.length === 0) question.rows = [{ value: 'row1', text: { [model.defaultLanguage]: 'Statement 1' } }];
    } else {
      delete question.rows;
    }
    if (type === 'rating') question.scaleMax = question.scaleMax || 5; else delete question.scaleMax;
    if (type !== 'text') delete question.singleLine;
    if (type === 'hidden') { delete question.required; delete question.displayIf; }
    changed();
  }

  // Condition editor: "all of" / "any of" a list of comparisons (question, operator, value). Deeper
  // nesting and "not" are kept as they are and edited in the JSON tab.
  function conditionEditor(owner, key, candidates, path, optional) {
    const box = el('div', { class: 'builder-condition', 'data-path': path });
    const condition = owner[key];
    let mode;
    let items;
    if (!condition) {
      mode = optional ? 'always' : 'all';
      items = [];
    } else if (Array.isArray(condition.all) && condition.all.every(isSimple)) {
      mode = 'all';
      items = condition.all;
    } else if (Array.isArray(condition.any) && condition.any.every(isSimple)) {
      mode = 'any';
      items = condition.any;
    } else if (isSimple(condition)) {
      mode = 'all';
      items = [condition];
    } else {
      box.append(el('p', { class: 'hint' }, 'This condition has nested groups: edit it in the JSON tab.'));
      return box;
    }

    function write() {
      if (items.length === 0) {
        if (optional) delete owner[key]; else owner[key] = { all: [] };
      } else if (items.length === 1) {
        owner[key] = items[0];
      } else {
        owner[key] = mode === 'any' ? { any: items } : { all: items };
      }
    }

    const modes = optional ? [['always', 'Always'], ['all', 'Only if all of'], ['any', 'Only if any of']] : [['all', 'If all of'], ['any', 'If any of']];
    const modeSelect = select(modes, mode, v => {
      mode = v;
      if (v === 'always') items = [];
      else if (items.length === 0 && candidates.length > 0) items = [newComparison(candidates[0])];
      write();
      changed();
    }, { 'aria-label': optional ? 'Show this question' : 'Branch condition' });
    box.append(modeSelect);
    if (mode === 'always') return box;
    if (candidates.length === 0) {
      box.append(el('p', { class: 'hint' }, 'Add a question before this one to base a condition on it.'));
      return box;
    }

    items.forEach((item, index) => {
      const row = el('div', { class: 'rule-condition', 'data-path': items.length === 1 ? path : `${path}.${mode}[${index}]` });
      const question = candidates.find(q => q.id === item.question) || null;
      const ops = question ? opsFor(question.type) : Object.keys(opLabels);
      row.append(select(candidates.map(q => [q.id, `${q.id}: ${title(q)}`]).concat(question ? [] : [[item.question || '', item.question || '(choose)']]), item.question, v => {
        item.question = v;
        const chosen = candidates.find(q => q.id === v);
        if (chosen && !opsFor(chosen.type).includes(item.op)) item.op = opsFor(chosen.type)[0];
        write();
        changed();
      }, { 'aria-label': 'Condition question' }));
      row.append(select(ops.map(o => [o, opLabels[o]]), item.op, v => {
        item.op = v;
        if (always.includes(v)) delete item.value;
        write();
        changed();
      }, { 'aria-label': 'Condition operator' }));
      if (!always.includes(item.op)) {
        const shown = Array.isArray(item.value) ? item.value.join(', ') : item.value;
        row.append(textInput(shown, v => { item.value = readValue(v, item.op, question); write(); }, { 'aria-label': 'Condition value' }));
      }
      row.append(button('Remove condition', () => { items.splice(index, 1); write(); changed(); }));
      box.append(row);
    });
    box.append(button('Add condition', () => { items.push(newComparison(candidates[0])); write(); changed(); }));
    return box;
  }

  function isSimple(c) { return c && typeof c === 'object' && !c.all && !c.any && !c.not; }

  function newComparison(question) {
    const op = opsFor(question.type).includes('gte') ? 'gte' : opsFor(question.type)[0];
    const c = { question: question.id, op };
    if (!always.includes(op)) c.value = scaled.includes(question.type) ? (question.type === 'nps' ? 9 : 4) : '';
    return c;
  }

  function readValue(text, op, question) {
    const numeric = question && scaled.includes(question.type);
    const one = v => (numeric && v.trim() !== '' && !isNaN(Number(v)) ? Number(v) : v.trim());
    return op === 'in' ? text.split(',').filter(v => v.trim() !== '').map(one) : one(text);
  }

  function title(q) {
    const t = q.title;
    const text = typeof t === 'string' ? t : (t && (t[model.defaultLanguage] || Object.values(t)[0])) || '';
    return text.length > 40 ? text.slice(0, 40) + '…' : text;
  }

  function choicesEditor(question, key, path, labelText) {
    const box = el('fieldset', { class: 'builder-choices', 'data-path': path });
    box.append(el('legend', {}, labelText));
    const list = question[key];
    list.forEach((choice, index) => {
      const row = el('div', { class: 'rule-condition', 'data-path': `${path}[${index}]` });
      row.append(textInput(choice.value, v => { choice.value = v; }, { 'aria-label': `${labelText} value` }));
      const texts = localized(choice, 'text');
      model.languages.forEach(language => {
        row.append(textInput(texts[language], v => { if (v === '') delete texts[language]; else texts[language] = v; },
          { 'aria-label': model.languages.length > 1 ? `${labelText} text (${language})` : `${labelText} text`, lang: language }));
      });
      row.append(button('Remove', () => { list.splice(index, 1); changed(); }, { 'aria-label': `Remove ${labelText.toLowerCase()} ${index + 1}` }));
      box.append(row);
    });
    box.append(button(key === 'rows' ? 'Add row' : 'Add choice', () => {
      const value = uniqueId(key === 'rows' ? 'row' : 'option', list.map(c => c.value));
      list.push({ value, text: { [model.defaultLanguage]: value } });
      changed();
    }));
    return box;
  }

  function questionCard(page, pageIndex, question, index) {
    const path = `pages[${pageIndex}].questions[${index}]`;
    const card = el('fieldset', { class: 'builder-question', 'data-question': question.id });
    card.append(el('legend', {}, `Question ${index + 1}`));
    const top = el('div', { class: 'builder-row' });
    top.append(field('Question id', textInput(question.id, v => { question.id = v; }), `${path}.id`));
    top.append(field('Question type', select(Object.entries(types), question.type || 'nps', v => setType(question, v)), `${path}.type`));
    card.append(top);
    if (question.type !== 'hidden') {
      card.append(textField('Question title', question, 'title', `${path}.title`, false));
      card.append(textField('Description', question, 'description', `${path}.description`, true));
      if (scaled.includes(question.type)) {
        card.append(textField('Label at the low end', question, 'minLabel', `${path}.minLabel`, true));
        card.append(textField('Label at the high end', question, 'maxLabel', `${path}.maxLabel`, true));
      }
      const required = el('input', { type: 'checkbox' });
      required.checked = !!question.required;
      required.addEventListener('change', () => { if (required.checked) question.required = true; else delete question.required; sync(); });
      const label = el('label', { class: 'checkbox', 'data-path': `${path}.required` });
      label.append(required, document.createTextNode(' Required'));
      card.append(label);
    } else {
      card.append(el('p', { class: 'hint' }, 'Filled from the invitation link or trigger; never shown to respondents.'));
    }
    if (withChoices.includes(question.type)) {
      card.append(choicesEditor(question, 'choices', `${path}.choices`, question.type === 'matrix' ? 'Column' : 'Choice'));
    }
    if (question.type === 'matrix') card.append(choicesEditor(question, 'rows', `${path}.rows`, 'Row'));
    if (question.type === 'rating') {
      const scale = el('input', { type: 'number', min: '3', max: '10' });
      scale.value = question.scaleMax || 5;
      scale.addEventListener('input', () => { question.scaleMax = Number(scale.value); sync(); });
      card.append(field('Scale (3 to 10 points)', scale, `${path}.scaleMax`));
    }
    if (question.type === 'text') {
      const single = el('input', { type: 'checkbox' });
      single.checked = !!question.singleLine;
      single.addEventListener('change', () => { if (single.checked) question.singleLine = true; else delete question.singleLine; sync(); });
      const label = el('label', { class: 'checkbox' });
      label.append(single, document.createTextNode(' Single line'));
      card.append(label);
    }
    if (question.type !== 'hidden') {
      const earlier = model.pages.slice(0, pageIndex).flatMap(p => p.questions).concat(page.questions.filter(q => q !== question));
      const display = el('div', { class: 'builder-field' });
      display.append(el('p', { class: 'builder-label' }, 'Display logic'));
      display.append(conditionEditor(question, 'displayIf', earlier, `${path}.displayIf`, true));
      card.append(display);
    }
    const actions = el('div', { class: 'rule-actions' });
    actions.append(button('Move question up', () => move(page.questions, index, -1), { disabled: index === 0 }));
    actions.append(button('Move question down', () => move(page.questions, index, 1), { disabled: index === page.questions.length - 1 }));
    actions.append(button('Remove question', () => { page.questions.splice(index, 1); changed(); }, { class: 'danger' }));
    card.append(actions);
    return card;
  }

  function pageCard(page, pageIndex) {
    const path = `pages[${pageIndex}]`;
    const card = el('fieldset', { class: 'builder-page card', 'data-page': page.id });
    card.append(el('legend', {}, `Page ${pageIndex + 1}`));
    const top = el('div', { class: 'builder-row' });
    top.append(field('Page id', textInput(page.id, v => { page.id = v; }), `${path}.id`));
    card.append(top);
    card.append(textField('Page title', page, 'title', `${path}.title`, true));
    const questions = el('div', { 'data-path': `${path}.questions` });
    page.questions.forEach((q, i) => questions.append(questionCard(page, pageIndex, q, i)));
    card.append(questions);
    card.append(button('Add question', () => {
      const id = uniqueId('q', allQuestions().map(q => q.id));
      page.questions.push({ id, type: 'text', title: { [model.defaultLanguage]: '' } });
      changed();
    }));

    const branches = el('div', { class: 'builder-branches', 'data-path': `${path}.branches` });
    branches.append(el('p', { class: 'builder-label' }, 'After this page'));
    const upToHere = model.pages.slice(0, pageIndex + 1).flatMap(p => p.questions);
    const targets = model.pages.slice(pageIndex + 1).map(p => [p.id, `Go to page ${p.id}`]).concat([['end', 'End the survey']]);
    page.branches.forEach((rule, index) => {
      const rulePath = `${path}.branches[${index}]`;
      const box = el('div', { class: 'rule-group', 'data-branch': String(index) });
      box.append(conditionEditor(rule, 'if', upToHere, `${rulePath}.if`, false));
      box.append(field('Then', select(targets.concat(targets.some(t => t[0] === rule.goTo) ? [] : [[rule.goTo, `(${rule.goTo})`]]), rule.goTo,
        v => { rule.goTo = v; }), `${rulePath}.goTo`));
      box.append(button('Remove branch rule', () => { page.branches.splice(index, 1); changed(); }));
      branches.append(box);
    });
    branches.append(el('p', { class: 'hint' }, page.branches.length ? 'Otherwise the next page.' : 'The next page (add a rule to skip ahead or end).'));
    if (upToHere.length > 0) {
      branches.append(button('Add branch rule', () => {
        page.branches.push({ if: newComparison(upToHere[0]), goTo: 'end' });
        changed();
      }));
    }
    card.append(branches);

    const actions = el('div', { class: 'rule-actions' });
    actions.append(button('Move page up', () => move(model.pages, pageIndex, -1), { disabled: pageIndex === 0 }));
    actions.append(button('Move page down', () => move(model.pages, pageIndex, 1), { disabled: pageIndex === model.pages.length - 1 }));
    actions.append(button('Remove page', () => { model.pages.splice(pageIndex, 1); changed(); }, { class: 'danger' }));
    card.append(actions);
    return card;
  }

  // Every text of the definition, to drop a removed language's texts with it.
  function eachText(visit) {
    const keys = ['title', 'description', 'minLabel', 'maxLabel'];
    visit(model, 'thankYou');
    model.pages.forEach(p => {
      visit(p, 'title');
      p.questions.forEach(q => {
        keys.forEach(k => visit(q, k));
        (q.choices || []).concat(q.rows || []).forEach(c => visit(c, 'text'));
      });
    });
  }

  function lookPanel() {
    const panel = el('section', { class: 'card builder-panel', 'aria-label': 'Languages and theme' });
    panel.append(el('h2', {}, 'Languages'));
    const list = el('ul', { 'data-path': 'languages' });
    model.languages.forEach((language, index) => {
      const item = el('li', { 'data-path': `languages[${index}]` });
      item.append(el('span', { lang: language }, language + (language === model.defaultLanguage ? ' (default: shown when the respondent\'s language is missing)' : '')));
      if (language !== model.defaultLanguage) {
        item.append(' ', button(`Remove ${language}`, () => {
          model.languages.splice(index, 1);
          eachText((owner, key) => { if (owner[key] && typeof owner[key] === 'object') delete owner[key][language]; });
          changed();
        }));
      }
      list.append(item);
    });
    panel.append(list);
    const add = textInput('', () => { }, { 'aria-label': 'New language tag', placeholder: 'de, fr, pt-BR' });
    const addError = el('span', { class: 'field-error', role: 'alert' });
    panel.append(el('div', { class: 'rule-actions' }));
    panel.lastChild.append(add, button('Add language', () => {
      const tag = add.value.trim();
      if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(tag)) { addError.textContent = 'Use a language tag such as de or pt-BR.'; return; }
      if (model.languages.some(l => l.toLowerCase() === tag.toLowerCase())) { addError.textContent = 'The survey already has this language.'; return; }
      model.languages.push(tag);
      changed();
    }), addError);
    panel.append(textField('Thank-you message', model, 'thankYou', 'thankYou', true));

    panel.append(el('h2', {}, 'Theme'));
    panel.append(field('Logo URL', textInput(model.theme.logoUrl, v => { if (v === '') delete model.theme.logoUrl; else model.theme.logoUrl = v; },
      { placeholder: 'https://…/logo.png' }), 'theme.logoUrl'));
    [['primaryColor', 'Primary colour', '#2f5bd3'], ['backgroundColor', 'Background colour', '#f6f7fb'], ['textColor', 'Text colour', '#1d2330']]
      .forEach(([key, label, fallback]) => {
        const swatch = el('span', { class: 'builder-swatch', 'aria-hidden': 'true' });
        const paint = v => { swatch.style.background = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(v) ? v : 'transparent'; };
        const input = textInput(model.theme[key] || fallback, v => { model.theme[key] = v; paint(v); }, { placeholder: fallback });
        model.theme[key] = model.theme[key] || fallback;
        paint(input.value);
        const f = field(label, input, `theme.${key}`);
        f.append(swatch);
        panel.append(f);
      });
    return panel;
  }

  const tabs = el('div', { class: 'builder-tabs', role: 'group', 'aria-label': 'Builder view' });
  const questionsPanel = el('section', { class: 'builder-panel', 'aria-label': 'Pages and questions' });
  const lookHolder = el('div', { class: 'builder-panel' });
  const jsonError = el('p', { class: 'field-error', role: 'alert' });
  let current = 'questions';

  function render() {
    questionsPanel.replaceChildren();
    model.pages.forEach((p, i) => questionsPanel.append(pageCard(p, i)));
    questionsPanel.append(button('Add page', () => {
      const id = uniqueId('p', model.pages.map(p => p.id));
      const qid = uniqueId('q', allQuestions().map(q => q.id));
      model.pages.push({ id, questions: [{ id: qid, type: 'text', title: { [model.defaultLanguage]: '' } }], branches: [] });
      changed();
    }));
    lookHolder.replaceChildren(lookPanel());
    showErrors();
  }

  // Puts each server error next to the element with its path, or the nearest enclosing one.
  function parentPath(path) {
    const m = path.match(/^(.*?)(\.[^.[\]]+|\[\d+\])$/);
    return m ? m[1] : '';
  }

  function showErrors() {
    form.querySelectorAll('.builder-error').forEach(e => e.remove());
    Object.entries(errors).forEach(([path, messages]) => {
      let target = null;
      for (let p = path; p && !target; p = parentPath(p)) {
        target = form.querySelector(`[data-path="${CSS.escape(p)}"]`);
      }
      if (!target) return;
      const message = el('span', { class: 'field-error builder-error', 'data-error-path': path }, messages.join(' '));
      target.append(message);
    });
  }

  function show(view) {
    if (current === 'json' && view !== 'json') {
      if (!parse()) { jsonError.textContent = 'The JSON cannot be read; fix it before leaving this tab.'; return; }
      jsonError.textContent = '';
      render();
    }
    current = view;
    questionsPanel.hidden = view !== 'questions';
    lookHolder.hidden = view !== 'look';
    jsonCard.hidden = view !== 'json';
    tabs.querySelectorAll('button').forEach(b => b.setAttribute('aria-pressed', String(b.dataset.view === view)));
  }

  if (!parse()) return; // Unreadable JSON: leave the textarea as the editor.
  [['questions', 'Questions'], ['look', 'Languages and theme'], ['json', 'JSON']].forEach(([view, label]) => {
    const b = button(label, () => show(view), { 'data-view': view });
    tabs.append(b);
  });
  jsonCard.append(jsonError);
  textarea.addEventListener('input', () => { jsonError.textContent = parse() ? '' : 'The JSON cannot be read yet.'; });
  root.append(tabs, questionsPanel, lookHolder);
  root.hidden = false;
  render();
  // Errors the builder cannot place (or that only the JSON shows) keep the JSON tab in view.
  show('questions');
})();
