// pushback studio: the page. It keeps the user's work in this browser and
// asks the pushback server, through its MCP tools, for everything it shows.
(function () {
  'use strict';

  var SC = window.pushbackScorecard;
  var MCP = window.pushbackMCP;
  var $ = function (id) { return document.getElementById(id); };
  var el = SC.el;

  var STORE = 'pushback.studio.v1';
  var TOKEN = 'pushback.token';
  var MAX_VERSIONS = 50;
  var MAX_CHARS = 20000;
  var CHECK_DELAY = 300; // ms after the last keystroke
  var VERSION_GAP = 20000; // ms between versions saved on a pause
  // The decide tool's argument for each of the framework's questions, by
  // the question's id where the two differ.
  var DECIDE_ARG = { motive: 'right' };

  var ui = {
    draft: $('draft'), backdrop: $('backdrop'), situation: $('situation'),
    audience: $('audience'), stakes: $('stakes'), level: $('level'), channel: $('channel'),
    scorecard: $('scorecard'), tip: $('tip'), count: $('draft-count'), saved: $('saved'),
    conn: $('conn'), banner: $('banner'), announce: $('announce'), theme: $('theme'),
  };

  var state = {
    client: null,
    guide: new SC.Guide(),
    tools: {},
    report: null, // the last check_draft result ...
    checked: null, // ... and the text it judged
    seq: 0,
    lastAnnounced: '',
    tipFor: -1,
    tipMutedAt: -1,
    rewrite: null,
    scenarios: null,
    data: loadStore(),
    storageOK: true,
  };

  // ---- storage: the draft and its versions survive a reload ----

  function loadStore() {
    try {
      var d = JSON.parse(window.localStorage.getItem(STORE) || '{}');
      if (!d || typeof d !== 'object') d = {};
      if (!Array.isArray(d.versions)) d.versions = [];
      return d;
    } catch (e) {
      return { versions: [] };
    }
  }

  var saveTimer = 0;
  function saveSoon() {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(saveNow, 250);
  }

  function saveNow() {
    clearTimeout(saveTimer);
    var d = state.data;
    d.draft = ui.draft.value;
    d.situation = ui.situation.value;
    d.audience = ui.audience.value;
    d.stakes = ui.stakes.value;
    d.level = ui.level.value;
    d.channel = ui.channel.value;
    d.theme = ui.theme.value;
    for (;;) {
      try {
        window.localStorage.setItem(STORE, JSON.stringify(d));
        if (!state.storageOK) hideBanner();
        state.storageOK = true;
        ui.saved.textContent = 'Saved in this browser';
        return true;
      } catch (e) {
        // Full: give up the oldest versions before the draft itself.
        if (d.versions.length > 1) { d.versions.splice(0, Math.ceil(d.versions.length / 4)); continue; }
        state.storageOK = false;
        showBanner('This browser is not keeping your work (storage is full or blocked). Copy your draft before you close the page.');
        ui.saved.textContent = 'Not saved';
        return false;
      }
    }
  }

  function snapshot(reason) {
    return {
      at: Date.now(), reason: reason, draft: ui.draft.value, situation: ui.situation.value,
      audience: ui.audience.value, stakes: ui.stakes.value, level: ui.level.value,
      score: state.report && state.checked === ui.draft.value ? state.report.score : null,
      pass: state.report && state.checked === ui.draft.value ? state.report.pass : null,
    };
  }

  // saveVersion keeps the current draft as a version, unless the last one
  // holds the same text; force saves it anyway (the user asked).
  function saveVersion(reason, force) {
    if (!ui.draft.value.trim()) return false;
    var vs = state.data.versions;
    var last = vs[vs.length - 1];
    if (!force && last && last.draft === ui.draft.value && last.situation === ui.situation.value) return false;
    vs.push(snapshot(reason));
    if (vs.length > MAX_VERSIONS) vs.splice(0, vs.length - MAX_VERSIONS);
    saveNow();
    renderVersions();
    return true;
  }

  // A version on a pause: after a check, when the draft changed and the
  // last version is old enough or scored differently.
  function versionOnPause() {
    var vs = state.data.versions;
    var last = vs[vs.length - 1];
    if (last && last.draft === ui.draft.value) return;
    if (!last || Date.now() - last.at > VERSION_GAP || last.score !== state.report.score) saveVersion('pause');
  }

  // ---- the connection ----

  function takeToken() {
    var token = '';
    try {
      var m = /(?:^#|&)token=([^&]*)/.exec(window.location.hash);
      if (m) {
        window.sessionStorage.setItem(TOKEN, decodeURIComponent(m[1]));
        window.history.replaceState(null, '', window.location.pathname + window.location.search);
      }
      token = window.sessionStorage.getItem(TOKEN) || '';
    } catch (e) { /* no session storage: ask when needed */ }
    return token;
  }

  function showBanner(text, extra) {
    ui.banner.replaceChildren(el('p', { text: text }));
    if (extra) ui.banner.appendChild(extra);
    ui.banner.hidden = false;
  }

  function hideBanner() {
    ui.banner.hidden = true;
    ui.banner.replaceChildren();
  }

  function askToken() {
    var input = el('input', { type: 'password', id: 'token-input', autocomplete: 'off' });
    var form = el('form', { 'class': 'token-form' }, [
      el('label', { 'for': 'token-input', text: 'Access token' }), input,
      el('button', { type: 'submit', 'class': 'primary', text: 'Use token' }),
    ]);
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      state.client.token = input.value.trim();
      try { window.sessionStorage.setItem(TOKEN, state.client.token); } catch (err) { /* kept for this page only */ }
      state.client.ready = null;
      hideBanner();
      start();
    });
    showBanner('This pushback server is not on this machine, so it needs the access token it was started with (--token or PUSHBACK_TOKEN). Open the page as …/#token=YOUR_TOKEN, or enter it here.', form);
    input.focus();
  }

  function failed(e, where) {
    if (e && e.kind === 'auth') { askToken(); return; }
    if (e && e.name === 'AbortError') return;
    var msg = (e && e.message) || String(e);
    if (e && (e.kind === 'network' || e.kind === 'http')) {
      ui.conn.textContent = 'Not connected';
      showBanner(msg + ' Your draft is safe in this browser.');
    }
    return msg;
  }

  function selectOptions(select, prop, keepFirst) {
    if (!prop || !prop.enum) return;
    var value = select.value;
    while (select.options.length > (keepFirst ? 1 : 0)) select.remove(select.options.length - 1);
    prop.enum.forEach(function (v) { select.appendChild(el('option', { value: v, text: SC.capitalize(v) })); });
    select.value = value;
  }

  async function start() {
    ui.conn.textContent = 'Connecting…';
    try {
      var info = await state.client.ensure();
      var tools = await state.client.listTools();
      tools.forEach(function (t) { state.tools[t.name] = t; });
      var chk = state.tools.check_draft;
      if (!chk) throw new Error('This server does not offer check_draft (see its --tools flag).');
      var props = chk.inputSchema.properties || {};
      var d = state.data;
      selectOptions(ui.audience, props.audience, true);
      selectOptions(ui.stakes, props.stakes, true);
      selectOptions(ui.level, props.level, true);
      selectOptions($('template-level'), props.level, true);
      if (state.tools.rewrite_draft) selectOptions(ui.channel, state.tools.rewrite_draft.inputSchema.properties.channel, true);
      ui.audience.value = d.audience || '';
      ui.stakes.value = d.stakes || '';
      ui.level.value = d.level || '';
      ui.channel.value = d.channel || '';
      var formula = await state.client.readJSON('pushback://formula.json');
      var aps = await state.client.readJSON('pushback://anti-patterns.json');
      state.guide = new SC.Guide({
        steps: (formula.steps || []).map(function (s) { return { id: s.id, name: s.name }; }),
        antiPatterns: aps.map(function (a) { return { id: a.id, name: a.name }; }),
        levels: (props.level && props.level.enum) || [],
      });
      ui.conn.textContent = 'Connected to ' + info.serverInfo.name + ' ' + info.serverInfo.version;
      hideBanner();
      buildDecide();
      if (ui.draft.value.trim()) runCheck();
      document.documentElement.dataset.ready = 'true';
    } catch (e) {
      var msg = failed(e);
      if (msg && e.kind !== 'network' && e.kind !== 'http') showBanner(msg);
    }
  }

  // ---- the check, as you type ----

  function args(extra) {
    var a = {};
    if (ui.audience.value) a.audience = ui.audience.value;
    if (ui.stakes.value) a.stakes = ui.stakes.value;
    if (ui.situation.value.trim()) a.situation = ui.situation.value;
    return Object.assign(a, extra);
  }

  var checkTimer = 0;
  function checkSoon() {
    clearTimeout(checkTimer);
    checkTimer = setTimeout(runCheck, CHECK_DELAY);
  }

  async function runCheck() {
    clearTimeout(checkTimer);
    if (!state.client || !state.tools.check_draft) return;
    var text = ui.draft.value;
    var seq = ++state.seq;
    if (!text.trim()) {
      state.report = null;
      state.checked = null;
      paintDraft();
      ui.scorecard.replaceChildren(el('p', { 'class': 'empty muted', text: 'Start typing: the check runs as you write.' }));
      return;
    }
    var a = args({ draft: text, verbose: true });
    if (ui.level.value) a.level = ui.level.value;
    ui.scorecard.setAttribute('aria-busy', 'true');
    try {
      var rep = await state.client.callTool('check_draft', a);
      if (seq !== state.seq) return; // a later check is on its way
      state.report = rep;
      state.checked = text;
      paintDraft();
      paintReport();
      announceReport(rep);
      versionOnPause();
    } catch (e) {
      if (seq !== state.seq) return;
      var msg = failed(e);
      if (msg) ui.scorecard.replaceChildren(el('p', { 'class': 'error', text: msg }));
    } finally {
      if (seq === state.seq) ui.scorecard.setAttribute('aria-busy', 'false');
    }
  }

  // current is the last report with its spans moved to the text as it is
  // now: typing after the check shifts the spans after the edit and drops
  // those the edit touched, so the highlights do not jump while you type.
  function current() {
    var rep = state.report;
    var now = ui.draft.value;
    if (!rep) return null;
    if (state.checked === now) return rep;
    var a = Array.from(state.checked), b = Array.from(now);
    var pre = 0;
    while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
    var suf = 0;
    while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
    var editEnd = a.length - suf, delta = b.length - a.length;
    var move = function (s) {
      if (s.end <= pre) return s;
      if (s.start >= editEnd) return Object.assign({}, s, { start: s.start + delta, end: s.end + delta });
      return null;
    };
    var out = Object.assign({}, rep);
    out.components = (rep.components || []).map(function (c) {
      return Object.assign({}, c, { spans: (c.spans || []).map(move).filter(Boolean) });
    });
    out.findings = (rep.findings || []).map(function (f) {
      if (f.end <= f.start) return f;
      return move(f) || Object.assign({}, f, { start: 0, end: 0 });
    });
    return out;
  }

  function paintDraft() {
    var text = ui.draft.value;
    var rep = current();
    ui.backdrop.replaceChildren();
    if (rep) ui.backdrop.appendChild(SC.marked(text, rep, state.guide));
    else ui.backdrop.textContent = text;
    // A final newline needs something after it to take its line.
    ui.backdrop.appendChild(document.createTextNode('\u200b'));
    var n = Array.from(text).length;
    ui.count.textContent = n.toLocaleString('en') + ' / ' + MAX_CHARS.toLocaleString('en') + ' characters';
    ui.count.classList.toggle('over', n > MAX_CHARS);
    fitEditor();
    if (state.tipFor >= 0) caretTip();
  }

  function fitEditor() {
    ui.draft.style.height = 'auto';
    ui.draft.style.height = Math.max(ui.draft.scrollHeight, 160) + 'px';
  }

  function paintReport() {
    var rep = state.report;
    ui.scorecard.replaceChildren(SC.report(rep, state.guide, { onShow: showFinding, idPrefix: 'sc' }));
  }

  function announceReport(rep) {
    var names = (rep.findings || []).map(function (f) { return state.guide.findingName(f); });
    var text = 'Score ' + rep.score + ', ' + (rep.pass ? 'passes' : 'does not pass') + (names.length ? ': ' + names.join('; ') : '') + '.';
    var key = rep.pass + '|' + names.join('|');
    if (key !== state.lastAnnounced) {
      state.lastAnnounced = key;
      say(text);
    }
  }

  function say(text) {
    ui.announce.textContent = '';
    window.setTimeout(function () { ui.announce.textContent = text; }, 30);
  }

  // ---- explanations on hover and at the caret ----

  function toUnits(text, cp) {
    return Array.from(text).slice(0, cp).join('').length;
  }

  function showFinding(i) {
    var rep = current();
    var f = rep && rep.findings[i];
    if (!f || f.end <= f.start) return;
    selectTab('tab-check', false);
    var text = ui.draft.value;
    ui.draft.focus();
    ui.draft.setSelectionRange(toUnits(text, f.start), toUnits(text, f.end));
    showTip(i);
  }

  function markFor(i) {
    var marks = ui.backdrop.querySelectorAll('mark[data-finding]');
    for (var j = 0; j < marks.length; j++) {
      if (marks[j].getAttribute('data-finding').split(' ').indexOf(String(i)) >= 0) return marks[j];
    }
    return null;
  }

  function showTip(i) {
    var rep = current();
    var f = rep && rep.findings[i];
    var mark = markFor(i);
    if (!f || !mark) { hideTip(); return; }
    var was = state.tipFor;
    state.tipFor = i;
    ui.tip.replaceChildren(
      el('p', { 'class': 'tip-name' }, [el('span', { 'class': 'swatch ' + (f.kind === 'anti_pattern' ? 'ap-c' + state.guide.apColor(f.rule) : 'ap-other'), 'aria-hidden': 'true' }), state.guide.findingName(f)]),
      f.why ? el('p', {}, [el('span', { 'class': 'label', text: 'Why: ' }), f.why]) : null,
      f.suggestion ? el('p', {}, [el('span', { 'class': 'label', text: 'Try: ' }), f.suggestion]) : null
    );
    ui.tip.hidden = false;
    var box = ui.tip.offsetParent.getBoundingClientRect();
    var r = mark.getClientRects()[0] || mark.getBoundingClientRect();
    var left = Math.max(0, Math.min(r.left - box.left, box.width - ui.tip.offsetWidth));
    ui.tip.style.left = left + 'px';
    ui.tip.style.top = (mark.getBoundingClientRect().bottom - box.top + 6) + 'px';
    ui.backdrop.querySelectorAll('.is-active').forEach(function (m) { m.classList.remove('is-active'); });
    ui.backdrop.querySelectorAll('mark[data-finding]').forEach(function (m) {
      if (m.getAttribute('data-finding').split(' ').indexOf(String(i)) >= 0) m.classList.add('is-active');
    });
    if (was !== i && document.activeElement === ui.draft) say(state.guide.findingName(f) + '. ' + (f.suggestion || ''));
  }

  function hideTip() {
    state.tipFor = -1;
    ui.tip.hidden = true;
    ui.backdrop.querySelectorAll('.is-active').forEach(function (m) { m.classList.remove('is-active'); });
  }

  function findingAt(cp) {
    var rep = current();
    if (!rep) return -1;
    for (var i = 0; i < rep.findings.length; i++) {
      var f = rep.findings[i];
      if (f.end > f.start && cp >= f.start && cp < f.end) return i;
    }
    return -1;
  }

  function caretTip() {
    if (document.activeElement !== ui.draft) return;
    var cp = Array.from(ui.draft.value.slice(0, ui.draft.selectionStart)).length;
    // Escape hides the explanation until the caret moves.
    if (cp === state.tipMutedAt) return;
    state.tipMutedAt = -1;
    var i = findingAt(cp);
    if (i < 0 && cp > 0) i = findingAt(cp - 1);
    if (i >= 0) showTip(i);
    else hideTip();
  }

  ui.draft.addEventListener('mousemove', function (e) {
    var els = document.elementsFromPoint(e.clientX, e.clientY);
    for (var j = 0; j < els.length; j++) {
      if (els[j].matches && els[j].matches('#backdrop mark[data-finding]')) {
        var i = Number(els[j].getAttribute('data-finding').split(' ')[0]);
        if (i !== state.tipFor) showTip(i);
        return;
      }
    }
  });
  ui.draft.addEventListener('mouseleave', function () { caretTip(); if (document.activeElement !== ui.draft) hideTip(); });
  ['keyup', 'click', 'select'].forEach(function (ev) { ui.draft.addEventListener(ev, caretTip); });
  ui.draft.addEventListener('blur', function () { window.setTimeout(function () { if (!ui.tip.matches(':hover')) hideTip(); }, 150); });

  // ---- editing ----

  function onEdit() {
    paintDraft();
    saveSoon();
    checkSoon();
  }

  ui.draft.addEventListener('input', onEdit);
  ui.situation.addEventListener('input', function () { saveSoon(); checkSoon(); });
  [ui.audience, ui.stakes, ui.level].forEach(function (s) {
    s.addEventListener('change', function () { saveNow(); runCheck(); if (!$('panel-decide').hidden) runDecide(); });
  });
  ui.channel.addEventListener('change', saveNow);
  window.addEventListener('resize', function () { fitEditor(); hideTip(); });
  window.addEventListener('pagehide', saveNow);
  document.addEventListener('visibilitychange', function () { if (document.visibilityState === 'hidden') saveNow(); });

  function setDraft(text) {
    ui.draft.value = text;
    onEdit();
    runCheck();
  }

  async function copyText(text, what) {
    try {
      await navigator.clipboard.writeText(text);
    } catch (e) {
      // Without a secure context: copy through a selection.
      var ta = el('textarea', { 'class': 'offscreen', 'aria-hidden': 'true' });
      ta.value = text;
      document.body.appendChild(ta);
      ta.select();
      var ok = false;
      try { ok = document.execCommand('copy'); } catch (err) { ok = false; }
      ta.remove();
      if (!ok) { say('Copy did not work here: select the text and copy it yourself.'); return; }
    }
    say(what + ' copied to the clipboard.');
    ui.saved.textContent = what + ' copied';
  }

  $('check-now').addEventListener('click', runCheck);
  $('copy-btn').addEventListener('click', function () { copyText(ui.draft.value, 'Draft'); });
  $('version-btn').addEventListener('click', function () {
    if (saveVersion('saved by you', true)) say('Version saved.');
  });
  $('rewrite-btn').addEventListener('click', function () { selectTab('tab-rewrite', true); runRewrite(); });

  document.addEventListener('keydown', function (e) {
    var mod = e.ctrlKey || e.metaKey;
    if (mod && e.key === 'Enter') {
      e.preventDefault();
      if (e.shiftKey) { selectTab('tab-rewrite', false); runRewrite(); } else runCheck();
    } else if (mod && (e.key === 's' || e.key === 'S')) {
      e.preventDefault();
      if (saveVersion('saved by you', true)) say('Version saved.');
    } else if (e.key === 'Escape' && !ui.tip.hidden) {
      hideTip();
      if (document.activeElement === ui.draft) state.tipMutedAt = Array.from(ui.draft.value.slice(0, ui.draft.selectionStart)).length;
    }
  });

  // ---- tabs ----

  var tabs = Array.from(document.querySelectorAll('[role=tab]'));
  function selectTab(id, focus) {
    tabs.forEach(function (t) {
      var on = t.id === id;
      t.setAttribute('aria-selected', on ? 'true' : 'false');
      t.tabIndex = on ? 0 : -1;
      $(t.getAttribute('aria-controls')).hidden = !on;
      if (on && focus) t.focus();
    });
    if (id === 'tab-decide') runDecide();
    if (id === 'tab-templates') openTemplates();
    if (id === 'tab-versions') renderVersions();
  }
  tabs.forEach(function (t, i) {
    t.addEventListener('click', function () { selectTab(t.id, true); });
    t.addEventListener('keydown', function (e) {
      var to = -1;
      if (e.key === 'ArrowRight') to = (i + 1) % tabs.length;
      else if (e.key === 'ArrowLeft') to = (i - 1 + tabs.length) % tabs.length;
      else if (e.key === 'Home') to = 0;
      else if (e.key === 'End') to = tabs.length - 1;
      if (to >= 0) { e.preventDefault(); selectTab(tabs[to].id, true); }
    });
  });

  // ---- rewrite ----

  var rewriteAbort = null;
  async function runRewrite() {
    var out = $('rewrite-out');
    var text = ui.draft.value;
    if (!text.trim()) { out.replaceChildren(el('p', { 'class': 'muted', text: 'Write a draft first: the rewrite keeps what you said and says it well.' })); return; }
    if (!state.tools.rewrite_draft) { out.replaceChildren(el('p', { 'class': 'error', text: 'This server does not offer rewrite_draft.' })); return; }
    if (rewriteAbort) rewriteAbort.abort();
    var ctl = new AbortController();
    rewriteAbort = ctl;
    var status = el('p', { 'class': 'muted', role: 'status', text: 'Rewriting…' });
    out.replaceChildren(status);
    out.setAttribute('aria-busy', 'true');
    var a = args({ draft: text, level: ui.level.value || 'auto', verbose: true });
    if (ui.channel.value) a.channel = ui.channel.value;
    try {
      var res = await state.client.callTool('rewrite_draft', a, {
        signal: ctl.signal,
        onProgress: function (p) { if (p.message) status.textContent = 'Rewriting: ' + p.message; },
      });
      state.rewrite = { result: res, draft: text };
      var accept = el('button', { type: 'button', 'class': 'primary', id: 'rewrite-accept', text: 'Accept rewrite' });
      var keep = el('button', { type: 'button', id: 'rewrite-keep', text: 'Keep editing mine' });
      var copy = el('button', { type: 'button', text: 'Copy rewrite' });
      accept.addEventListener('click', function () {
        saveVersion('before rewrite', false);
        setDraft(res.text);
        saveVersion('rewrite accepted', false);
        out.replaceChildren(el('p', { 'class': 'muted', text: 'Rewrite accepted. Your earlier draft is in Versions.' }));
        selectTab('tab-check', false);
        ui.draft.focus();
        say('Rewrite accepted. Your earlier draft is in Versions.');
      });
      keep.addEventListener('click', function () {
        out.replaceChildren(el('p', { 'class': 'muted', text: 'Rewrite set aside. Rewrite again whenever you like.' }));
        ui.draft.focus();
      });
      copy.addEventListener('click', function () { copyText(res.text, 'Rewrite'); });
      out.replaceChildren(SC.rewriteResult(res, text, state.guide), el('div', { 'class': 'actions' }, [accept, keep, copy]));
      say(res.pass ? 'Rewrite ready: it passes the check. Accept it or keep editing.' : 'Rewrite ready, but it does not pass the check yet.');
    } catch (e) {
      if (e && e.name === 'AbortError') return;
      var msg = failed(e);
      if (msg) out.replaceChildren(el('p', { 'class': 'error', text: msg }));
    } finally {
      if (rewriteAbort === ctl) rewriteAbort = null;
      out.setAttribute('aria-busy', 'false');
    }
  }
  $('rewrite-run').addEventListener('click', runRewrite);

  // ---- decide ----

  // buildDecide lays out the framework's questions, read from the server,
  // each as Yes / No / Not sure.
  async function buildDecide() {
    var box = $('decide-questions');
    if (!state.tools.decide || state.questions) return;
    state.questions = [];
    try {
      var fw = await state.client.readJSON('pushback://framework.json');
      state.questions = ((fw.framework || {}).questions || []).map(function (q) {
        return { id: q.id, arg: DECIDE_ARG[q.id] || q.id, question: q.question };
      });
    } catch (e) {
      state.questions = null;
      var msg = failed(e);
      if (msg) $('decide-out').replaceChildren(el('p', { 'class': 'error', text: msg }));
      return;
    }
    state.questions.forEach(function (q) {
      var id = 'q-' + q.arg;
      var group = el('fieldset', { 'class': 'question', id: id }, [el('legend', { text: q.question })]);
      var opts = el('div', { 'class': 'seg' });
      [['yes', 'Yes'], ['no', 'No'], ['', 'Not sure']].forEach(function (o) {
        var rid = id + '-' + (o[0] || 'unsure');
        var r = el('input', { type: 'radio', name: id, id: rid, value: o[0] });
        if (!o[0]) r.checked = true;
        r.addEventListener('change', runDecide);
        opts.appendChild(r);
        opts.appendChild(el('label', { 'for': rid, text: o[1] }));
      });
      group.appendChild(opts);
      group.appendChild(el('p', { 'class': 'outcome muted small', id: id + '-out' }));
      box.appendChild(group);
    });
  }
  $('gentle-failed').addEventListener('change', function () { runDecide(); });

  var decideSeq = 0;
  async function runDecide() {
    if (!state.tools.decide) return;
    await buildDecide();
    if (!state.questions) return;
    var a = { verbose: true };
    if (ui.audience.value) a.audience = ui.audience.value;
    if (ui.stakes.value) a.stakes = ui.stakes.value;
    if ($('gentle-failed').checked) a.gentle_failed = true;
    state.questions.forEach(function (q) {
      var r = document.querySelector('input[name="q-' + q.arg + '"]:checked');
      if (r && r.value) a[q.arg] = r.value === 'yes';
    });
    var seq = ++decideSeq;
    var out = $('decide-out');
    try {
      var res = await state.client.callTool('decide', a);
      if (seq !== decideSeq) return;
      (res.rows || []).forEach(function (row) {
        var q = state.questions.filter(function (x) { return x.id === row.id; })[0];
        var o = q && $('q-' + q.arg + '-out');
        if (o) o.textContent = row.answer === 'unanswered' ? '' : row.outcome;
      });
      var kids = [el('p', { 'class': 'headline' }, [el('strong', { text: res.headline })])];
      if (res.start_level) {
        var use = el('button', { type: 'button', id: 'decide-use-level', text: 'Use ' + res.start_level + ' for my reply' });
        use.addEventListener('click', function () {
          ui.level.value = res.start_level;
          saveNow();
          runCheck();
          say('Level set to ' + res.start_level + '.');
        });
        kids.push(el('p', { 'class': 'start' }, ['Start at ', el('strong', { text: res.start_level }), '. ', use]));
        if (res.level_why) kids.push(el('p', { 'class': 'muted', text: res.level_why }));
      }
      if ((res.next_steps || []).length) {
        var ul = el('ul', { 'class': 'steps' });
        res.next_steps.forEach(function (s) { ul.appendChild(el('li', { text: s })); });
        kids.push(ul);
      }
      if (res.audience_advice) kids.push(el('p', { 'class': 'muted' }, [el('span', { 'class': 'label', text: 'Delivering it: ' }), res.audience_advice]));
      out.replaceChildren(el('div', { 'class': 'decision rec-' + res.recommendation }, kids));
    } catch (e) {
      var msg = failed(e);
      if (msg) out.replaceChildren(el('p', { 'class': 'error', text: msg }));
    }
  }

  // ---- templates ----

  async function openTemplates() {
    var sel = $('scenario');
    if (state.scenarios || !state.client) return;
    try {
      state.scenarios = await state.client.readJSON('pushback://scenarios.json');
    } catch (e) {
      var msg = failed(e);
      if (msg) $('template-out').replaceChildren(el('p', { 'class': 'error', text: msg }));
      return;
    }
    sel.replaceChildren();
    if (state.tools.render_formula) sel.appendChild(el('option', { value: '', text: 'Your own words: the five-step formula' }));
    state.scenarios.forEach(function (s) { sel.appendChild(el('option', { value: s.id, text: s.name })); });
    buildFields();
  }

  // The fields of the formula (from render_formula's input schema) or of a
  // scenario (from the guide's scenarios).
  function templateFields() {
    var id = $('scenario').value;
    if (!id) {
      var t = state.tools.render_formula;
      var props = (t && t.inputSchema.properties) || {};
      var req = (t && t.inputSchema.required) || [];
      return {
        description: t ? t.description.split('. ')[0] + '.' : '',
        fields: ['goal', 'concern', 'impact', 'alternative', 'invitation'].filter(function (n) { return props[n]; }).map(function (n) {
          return { name: n, description: props[n].description, required: req.indexOf(n) >= 0, example: '' };
        }),
      };
    }
    var s = state.scenarios.filter(function (x) { return x.id === id; })[0];
    return { description: s.description, fields: s.fields || [] };
  }

  function buildFields() {
    var spec = templateFields();
    $('scenario-desc').textContent = spec.description;
    var box = $('scenario-fields');
    var saved = (state.data.templates || {})[$('scenario').value || '_formula'] || {};
    box.replaceChildren();
    spec.fields.forEach(function (f) {
      var id = 'tf-' + f.name;
      var input = el('input', { type: 'text', id: id, name: f.name, placeholder: f.example ? 'e.g. ' + f.example : '', 'aria-describedby': id + '-help', required: f.required, maxlength: '2000' });
      input.value = saved[f.name] || '';
      input.addEventListener('input', function () { keepTemplate(); templateSoon(); });
      box.appendChild(el('div', { 'class': 'field' }, [
        el('label', { 'for': id }, [SC.capitalize(SC.humanize(f.name)), f.required ? el('span', { 'class': 'req', text: ' (required)' }) : null]),
        input,
        el('p', { 'class': 'muted small', id: id + '-help', text: f.description }),
      ]));
    });
    runTemplate();
  }

  function templateValues() {
    var values = {};
    document.querySelectorAll('#scenario-fields input').forEach(function (i) { if (i.value.trim()) values[i.name] = i.value; });
    return values;
  }

  function keepTemplate() {
    state.data.templates = state.data.templates || {};
    state.data.templates[$('scenario').value || '_formula'] = templateValues();
    saveSoon();
  }

  var templateTimer = 0, templateSeq = 0, templateText = '';
  function templateSoon() {
    clearTimeout(templateTimer);
    templateTimer = setTimeout(runTemplate, CHECK_DELAY);
  }

  async function runTemplate() {
    var out = $('template-out');
    var use = $('template-use');
    var spec = templateFields();
    var values = templateValues();
    var missing = spec.fields.filter(function (f) { return f.required && !values[f.name]; }).map(function (f) { return SC.humanize(f.name); });
    use.disabled = true;
    templateText = '';
    if (missing.length) {
      out.replaceChildren(el('p', { 'class': 'muted', text: 'Fill in ' + missing.join(', ') + ' to see the message.' }));
      return;
    }
    var level = $('template-level').value || ui.level.value;
    var id = $('scenario').value;
    var seq = ++templateSeq;
    try {
      var res;
      if (id) {
        var a = { scenario: id, values: values, verbose: true };
        if (level) a.level = level;
        if (ui.audience.value) a.audience = ui.audience.value;
        res = await state.client.callTool('render_scenario', a);
      } else {
        var fa = Object.assign({ verbose: true }, values);
        if (level) fa.level = level;
        if (ui.audience.value) fa.audience = ui.audience.value;
        res = await state.client.callTool('render_formula', fa);
      }
      if (seq !== templateSeq) return;
      templateText = res.text;
      var box = el('p', { 'class': 'marked template-text' });
      box.appendChild(SC.marked(res.text, { components: (res.parts || []).map(function (p) { return { step: p.step, spans: [p] }; }), findings: [] }, state.guide));
      var kids = [el('p', { 'class': 'muted small', text: 'At the ' + res.level + ' level; each part of the formula is underlined in its colour.' }), box];
      if (res.audience_advice) kids.push(el('p', { 'class': 'muted' }, [el('span', { 'class': 'label', text: 'Delivering it: ' }), res.audience_advice]));
      out.replaceChildren.apply(out, kids);
      use.disabled = false;
    } catch (e) {
      if (seq !== templateSeq) return;
      var msg = failed(e);
      if (msg) out.replaceChildren(el('p', { 'class': 'error', text: msg }));
    }
  }

  $('scenario').addEventListener('change', buildFields);
  $('template-level').addEventListener('change', runTemplate);
  $('template-use').addEventListener('click', function () {
    if (!templateText) return;
    saveVersion('before template', false);
    setDraft(templateText);
    selectTab('tab-check', false);
    ui.draft.focus();
    say('The template is now your draft. Your earlier draft is in Versions.');
  });

  // ---- versions ----

  function when(t) {
    var s = Math.round((Date.now() - t) / 1000);
    if (s < 60) return 'just now';
    if (s < 3600) return Math.round(s / 60) + ' min ago';
    return new Date(t).toLocaleString();
  }

  function renderVersions() {
    var list = $('versions');
    list.replaceChildren();
    var vs = state.data.versions;
    if (!vs.length) {
      list.appendChild(el('li', { 'class': 'muted', text: 'No versions yet.' }));
      return;
    }
    for (var i = vs.length - 1; i >= 0; i--) {
      (function (v, n) {
        var restore = el('button', { type: 'button', text: 'Restore', 'aria-label': 'Restore version ' + n + ' (' + when(v.at) + ')' });
        restore.addEventListener('click', function () {
          saveVersion('before restore', false);
          ui.situation.value = v.situation || '';
          ui.audience.value = v.audience || '';
          ui.stakes.value = v.stakes || '';
          ui.level.value = v.level || '';
          setDraft(v.draft);
          selectTab('tab-check', false);
          ui.draft.focus();
          say('Version ' + n + ' restored.');
        });
        list.appendChild(el('li', { 'class': 'version' }, [
          el('p', { 'class': 'version-head' }, [
            el('strong', { text: 'Version ' + n }), ' ',
            el('span', { 'class': 'muted', text: when(v.at) + ' · ' + v.reason }),
            v.score !== null && v.score !== undefined ? el('span', { 'class': 'chip ' + (v.pass ? 'chip-pass' : 'chip-fail'), text: v.score + (v.pass ? ' passes' : '') }) : null,
          ]),
          el('p', { 'class': 'version-text', text: v.draft.length > 160 ? v.draft.slice(0, 160) + '…' : v.draft }),
          restore,
        ]));
      })(vs[i], i + 1);
    }
  }

  // ---- theme ----

  function applyTheme() {
    var t = ui.theme.value;
    if (t === 'light' || t === 'dark') document.documentElement.dataset.theme = t;
    else delete document.documentElement.dataset.theme;
  }
  ui.theme.addEventListener('change', function () { applyTheme(); saveNow(); });

  // ---- start: the saved work first, then the server ----

  (function restore() {
    var d = state.data;
    ui.draft.value = d.draft || '';
    ui.situation.value = d.situation || '';
    ui.theme.value = d.theme || 'auto';
    applyTheme();
    if (d.versions.length) ui.saved.textContent = 'Restored from this browser';
  })();

  state.client = new MCP.Client('/mcp', { token: takeToken() });
  // A token pasted into the address of the open page.
  window.addEventListener('hashchange', function () {
    var token = takeToken();
    if (token && token !== state.client.token) {
      state.client.token = token;
      state.client.ready = null;
      hideBanner();
      start();
    }
  });
  // For the browser tests and the curious: the page's client and state.
  window.pushbackStudio = { client: state.client, state: state, runCheck: runCheck };
  // The page paints first (the saved draft is already in place); the
  // highlights, the sizing and the connection follow in the next task.
  var booted = false;
  var boot = function () {
    if (booted) return;
    booted = true;
    paintDraft();
    start();
  };
  window.requestAnimationFrame(function () { window.setTimeout(boot, 0); });
  window.setTimeout(boot, 100); // a hidden tab gets no animation frames
})();
