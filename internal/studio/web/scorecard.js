// pushback scorecard: renders check_draft and rewrite_draft results (the
// draft with its spans highlighted, the score gauge, the level, the stance,
// the top fixes, the findings, and a rewrite as a word-level diff). The
// studio page and the MCP App view both use it, so a result looks the same
// wherever it is shown. It judges nothing: every verdict, span and word of
// advice comes from the tool result it is given.
(function (global) {
  'use strict';

  var PALETTE = 10; // colours for anti-patterns (ap-c0 ... ap-c9 in scorecard.css)

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === undefined || v === null || v === false) return;
        if (k === 'text') e.textContent = v;
        else if (k === 'class') e.className = v;
        else e.setAttribute(k, v === true ? '' : v);
      });
    }
    (children || []).forEach(function (c) {
      if (c === null || c === undefined || c === false) return;
      e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return e;
  }

  // humanize turns an id into words: 'dismissive_no' -> 'dismissive no'.
  function humanize(id) {
    return String(id || '').replace(/_/g, ' ');
  }

  function capitalize(s) {
    return s ? s.charAt(0).toUpperCase() + s.slice(1) : s;
  }

  // kindOf is a finding's kind; the compact result leaves it out, and the
  // rule says it.
  function kindOf(f) {
    if (f.kind) return f.kind;
    if (/^missing_/.test(f.rule)) return 'missing_step';
    if (f.rule === 'miscalibrated') return 'calibration';
    return 'anti_pattern';
  }

  // Guide is what the renderer knows of the domain, read from the server:
  // the formula's steps and the anti-patterns (ids and names, in the
  // guide's order, which gives each its colour), and the levels in order.
  function Guide(data) {
    data = data || {};
    this.steps = data.steps || [];
    this.antiPatterns = data.antiPatterns || [];
    this.levels = data.levels || [];
  }
  Guide.prototype.stepIndex = function (id) {
    for (var i = 0; i < this.steps.length; i++) if (this.steps[i].id === id) return i;
    return -1;
  };
  Guide.prototype.stepName = function (id) {
    var i = this.stepIndex(id);
    return i >= 0 ? this.steps[i].name : capitalize(humanize(id));
  };
  // apColor is an anti-pattern's colour: its place in the guide, or, for a
  // rule the guide does not list, a stable hash of its id.
  Guide.prototype.apColor = function (rule) {
    for (var i = 0; i < this.antiPatterns.length; i++) if (this.antiPatterns[i].id === rule) return i % PALETTE;
    var h = 0;
    for (var j = 0; j < rule.length; j++) h = (h * 31 + rule.charCodeAt(j)) >>> 0;
    return h % PALETTE;
  };
  // findingName is how a finding is named: its anti-pattern's name, the
  // missing step, or the calibration.
  Guide.prototype.findingName = function (f) {
    var kind = kindOf(f);
    if (kind === 'anti_pattern') {
      for (var i = 0; i < this.antiPatterns.length; i++) if (this.antiPatterns[i].id === f.rule) return this.antiPatterns[i].name;
      return capitalize(humanize(f.rule));
    }
    if (kind === 'missing_step') return 'Missing: ' + this.stepName(String(f.rule).replace(/^missing_/, '')).toLowerCase();
    if (kind === 'calibration') return 'Level';
    return capitalize(humanize(f.rule));
  };

  // Spans are offsets in Unicode code points; segments splits text at every
  // span's edges and says which formula parts and findings cover each piece.
  function segments(text, parts, findings) {
    var cps = Array.from(text);
    var n = cps.length;
    var cuts = [0, n];
    var marks = [];
    (parts || []).forEach(function (p) {
      (p.spans || []).forEach(function (s) { marks.push({ kind: 'part', step: p.step, start: s.start, end: s.end }); });
    });
    (findings || []).forEach(function (f, i) {
      if (f.end > f.start) marks.push({ kind: 'finding', index: i, start: f.start, end: f.end });
    });
    marks.forEach(function (m) {
      m.start = Math.max(0, Math.min(n, m.start));
      m.end = Math.max(m.start, Math.min(n, m.end));
      cuts.push(m.start, m.end);
    });
    cuts = Array.from(new Set(cuts)).sort(function (a, b) { return a - b; });
    var out = [];
    for (var i = 0; i + 1 < cuts.length; i++) {
      var a = cuts[i], b = cuts[i + 1];
      if (a === b) continue;
      var seg = { start: a, end: b, text: cps.slice(a, b).join(''), steps: [], findings: [] };
      marks.forEach(function (m) {
        if (m.start <= a && m.end >= b) {
          if (m.kind === 'part') { if (seg.steps.indexOf(m.step) < 0) seg.steps.push(m.step); }
          else seg.findings.push(m.index);
        }
      });
      seg.findings.sort(function (x, y) { return x - y; }); // findings come most severe first
      out.push(seg);
    }
    return out;
  }

  // marked renders text with its formula parts underlined in their colours
  // and its findings highlighted in theirs. opts.focusable makes the first
  // piece of each finding a tab stop described by its card (opts.cardID).
  function marked(text, report, guide, opts) {
    opts = opts || {};
    var frag = document.createDocumentFragment();
    var seen = {};
    segments(text, report.components, report.findings).forEach(function (seg) {
      if (!seg.steps.length && !seg.findings.length) {
        frag.appendChild(document.createTextNode(seg.text));
        return;
      }
      var cls = [];
      var attrs = {};
      if (seg.steps.length) {
        var step = seg.steps[seg.steps.length - 1];
        cls.push('part', 'part-c' + Math.max(0, guide.stepIndex(step)));
        attrs['data-part'] = seg.steps.join(' ');
      }
      var tag = 'span';
      if (seg.findings.length) {
        var i = seg.findings[0];
        var f = report.findings[i];
        tag = 'mark';
        cls.push('ap', kindOf(f) === 'anti_pattern' ? 'ap-c' + guide.apColor(f.rule) : 'ap-other');
        attrs['data-finding'] = seg.findings.join(' ');
        attrs['data-rule'] = f.rule;
        if (opts.focusable && !seen[i]) {
          seen[i] = true;
          attrs.tabindex = '0';
          if (opts.cardID) attrs['aria-describedby'] = opts.cardID(i);
        }
      }
      attrs['class'] = cls.join(' ');
      attrs.text = seg.text;
      frag.appendChild(el(tag, attrs));
    });
    return frag;
  }

  // gauge is the score as a half-circle meter.
  function gauge(score, pass) {
    var len = Math.PI * 50;
    var band = pass ? 'pass' : (score >= 50 ? 'near' : 'fail');
    var svgNS = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(svgNS, 'svg');
    svg.setAttribute('viewBox', '0 0 120 68');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    var track = document.createElementNS(svgNS, 'path');
    track.setAttribute('d', 'M10 62 A50 50 0 0 1 110 62');
    track.setAttribute('class', 'gauge-track');
    var fill = document.createElementNS(svgNS, 'path');
    fill.setAttribute('d', 'M10 62 A50 50 0 0 1 110 62');
    fill.setAttribute('class', 'gauge-fill gauge-' + band);
    fill.setAttribute('stroke-dasharray', (len * Math.max(0, Math.min(100, score)) / 100).toFixed(2) + ' ' + len.toFixed(2));
    svg.appendChild(track);
    svg.appendChild(fill);
    var verdict = pass ? 'passes' : 'does not pass';
    return el('div', {
      'class': 'gauge gauge-' + band, role: 'meter', 'aria-label': 'Score',
      'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': String(score),
      'aria-valuetext': score + ' out of 100, ' + verdict,
    }, [svg, el('span', { 'class': 'gauge-num', text: String(score) }), el('span', { 'class': 'gauge-label', text: pass ? 'Passes' : 'Does not pass' })]);
  }

  // levelLine says how the draft reads against the level intended, on the
  // scale of levels.
  function levelLine(report, guide) {
    var reads = report.level || '';
    var intended = report.intended_level || '';
    var words;
    if (report.reads_as) words = 'Reads as ' + report.reads_as + (intended ? ', not at a level; you intended ' + intended + '.' : ', not at a level.');
    else if (reads && intended && reads !== intended) words = 'Reads ' + reads + '; you intended ' + intended + '.';
    else if (reads && intended) words = 'Reads ' + reads + ', as you intended.';
    else if (reads) words = 'Reads ' + reads + '.';
    else words = intended ? 'You intended ' + intended + '.' : '';
    var scale = el('ol', { 'class': 'levels', 'aria-hidden': 'true' });
    guide.levels.forEach(function (lv) {
      var cls = ['lv'];
      if (lv === reads && !report.reads_as) cls.push('lv-reads');
      if (lv === intended) cls.push('lv-intended');
      scale.appendChild(el('li', { 'class': cls.join(' ') }, [
        el('span', { 'class': 'lv-name', text: lv }),
        lv === reads && !report.reads_as ? el('span', { 'class': 'lv-tag', text: 'reads' }) : null,
        lv === intended ? el('span', { 'class': 'lv-tag lv-tag-i', text: 'intended' }) : null,
      ]));
    });
    return el('div', { 'class': 'level' }, [
      el('p', { 'class': 'level-words' + (report.reads_as ? ' warn' : ''), text: words }),
      guide.levels.length ? scale : null,
    ]);
  }

  // report renders a check_draft result. opts.draft, when given, is shown
  // with its highlights (the MCP App view); opts.onShow(i) adds a button to
  // each finding that shows it in the draft (the page); opts.idPrefix keeps
  // ids unique; opts.heading is the level of its headings ('h3').
  function report(r, guide, opts) {
    opts = opts || {};
    var h = opts.heading || 'h3';
    var prefix = opts.idPrefix || 'sc';
    var cardID = function (i) { return prefix + '-f' + i; };
    var root = el('div', { 'class': 'report' });
    var head = el('div', { 'class': 'report-head' }, [
      gauge(r.score, r.pass),
      el('div', { 'class': 'report-sum' }, [
        el('p', { 'class': 'summary', text: r.summary || '' }),
        levelLine(r, guide),
        r.stance ? el('p', { 'class': 'stance' }, [
          el('span', { 'class': 'muted', text: 'Stance: ' }),
          el('span', { 'class': 'chip chip-stance', text: humanize(r.stance) }),
        ]) : null,
      ]),
    ]);
    root.appendChild(head);
    if (r.disagreement) root.appendChild(el('p', { 'class': 'note muted', text: r.disagreement }));

    if (opts.draft !== undefined) {
      root.appendChild(el(h, { text: 'Your draft' }));
      var box = el('p', { 'class': 'marked' });
      box.appendChild(marked(opts.draft, r, guide, { focusable: true, cardID: cardID }));
      root.appendChild(box);
    }

    // The formula's parts: from the full result's components, or, in the
    // compact one, every step but the missing ones.
    var comps = r.components;
    if (!comps && r.missing_steps) {
      var missing = r.missing_steps;
      var steps = guide.steps.length ? guide.steps.map(function (s) { return s.id; }) : missing;
      comps = steps.map(function (id) { return { step: id, present: missing.indexOf(id) < 0 }; });
    }
    if (comps && comps.length) {
      var parts = el('ul', { 'class': 'parts', 'aria-label': 'The formula\'s five parts' });
      comps.forEach(function (c) {
        parts.appendChild(el('li', { 'class': 'part-item ' + (c.present ? 'is-present' : 'is-missing') }, [
          el('span', { 'class': 'swatch part-sw part-c' + Math.max(0, guide.stepIndex(c.step)), 'aria-hidden': 'true' }),
          el('span', { 'class': 'part-name', text: guide.stepName(c.step) }),
          el('span', { 'class': 'part-state', text: c.present ? 'present' : 'missing' }),
        ]));
      });
      root.appendChild(el(h, { text: 'Formula' }));
      root.appendChild(parts);
    }

    if (r.top_fixes && r.top_fixes.length) {
      root.appendChild(el(h, { text: 'Top fixes' }));
      var ol = el('ol', { 'class': 'fixes' });
      r.top_fixes.forEach(function (f) { ol.appendChild(el('li', { text: f })); });
      root.appendChild(ol);
    }

    var findings = r.findings || [];
    root.appendChild(el(h, { text: findings.length ? 'Findings (' + findings.length + ')' : 'Findings' }));
    if (!findings.length) root.appendChild(el('p', { 'class': 'muted', text: 'Nothing to fix.' }));
    var list = el('ul', { 'class': 'findings' });
    findings.forEach(function (f, i) {
      var color = kindOf(f) === 'anti_pattern' ? 'ap-c' + guide.apColor(f.rule) : 'ap-other';
      var card = el('li', { 'class': 'finding sev-' + f.severity, id: cardID(i), 'data-rule': f.rule }, [
        el('p', { 'class': 'finding-head' }, [
          el('span', { 'class': 'swatch ' + color, 'aria-hidden': 'true' }),
          el('strong', { 'class': 'finding-name', text: guide.findingName(f) }),
          el('span', { 'class': 'sev', text: f.severity }),
        ]),
        f.excerpt ? el('blockquote', { 'class': 'excerpt', text: f.excerpt }) : null,
        f.end <= f.start ? el('p', { 'class': 'muted small', text: 'About the draft as a whole.' }) : null,
        f.why ? el('p', { 'class': 'why' }, [el('span', { 'class': 'label', text: 'Why: ' }), f.why]) : null,
        f.suggestion ? el('p', { 'class': 'fix' }, [el('span', { 'class': 'label', text: 'Try: ' }), f.suggestion]) : null,
      ]);
      if (opts.onShow && f.end > f.start) {
        var b = el('button', { type: 'button', 'class': 'link', text: 'Show in draft', 'aria-label': 'Show in draft: ' + guide.findingName(f) });
        b.addEventListener('click', function () { opts.onShow(i); });
        card.appendChild(b);
      }
      list.appendChild(card);
    });
    root.appendChild(list);
    return root;
  }

  // tokens splits text into words, runs of space, and single other
  // characters, so a diff keeps punctuation and spacing apart from words.
  function tokens(text) {
    return text.match(/\s+|[\p{L}\p{N}\p{M}]+(?:['’.,:\-][\p{L}\p{N}\p{M}]+)*|[^\s]/gu) || [];
  }

  // diffWords is the word-level difference between a and b: a list of
  // {op: 'eq' | 'del' | 'ins', text}, by Myers' algorithm (common prefix and
  // suffix first; a difference over limit edits is shown as replaced whole).
  function diffWords(a, b, limit) {
    limit = limit || 4000;
    var x = tokens(a), y = tokens(b);
    var pre = 0;
    while (pre < x.length && pre < y.length && x[pre] === y[pre]) pre++;
    var suf = 0;
    while (suf < x.length - pre && suf < y.length - pre && x[x.length - 1 - suf] === y[y.length - 1 - suf]) suf++;
    var xm = x.slice(pre, x.length - suf), ym = y.slice(pre, y.length - suf);
    var ops = [];
    var push = function (op, t) {
      if (!t) return;
      var last = ops[ops.length - 1];
      if (last && last.op === op) last.text += t;
      else ops.push({ op: op, text: t });
    };
    push('eq', x.slice(0, pre).join(''));
    var mid = myers(xm, ym, limit);
    if (!mid) {
      push('del', xm.join(''));
      push('ins', ym.join(''));
    } else {
      mid.forEach(function (o) { push(o.op, o.text); });
    }
    push('eq', x.slice(x.length - suf).join(''));
    return regroup(ops);
  }

  // regroup makes a diff read like an editor's: a space or a punctuation
  // mark left alone between two changes joins them, and each run of
  // changes shows as one removal followed by one addition.
  function regroup(ops) {
    var out = [];
    var del = '', ins = '';
    var flush = function () {
      if (del) out.push({ op: 'del', text: del });
      if (ins) out.push({ op: 'ins', text: ins });
      del = ins = '';
    };
    ops.forEach(function (o, i) {
      if (o.op === 'del') { del += o.text; return; }
      if (o.op === 'ins') { ins += o.text; return; }
      var between = (del || ins) && i + 1 < ops.length && !/[\p{L}\p{N}]/u.test(o.text);
      if (between) { del += o.text; ins += o.text; return; }
      flush();
      out.push(o);
    });
    flush();
    return out;
  }

  function myers(a, b, limit) {
    var n = a.length, m = b.length;
    if (n === 0 || m === 0) {
      var only = [];
      if (n) only.push({ op: 'del', text: a.join('') });
      if (m) only.push({ op: 'ins', text: b.join('') });
      return only;
    }
    var max = Math.min(n + m, limit);
    var off = max + 1;
    var v = new Int32Array(2 * max + 3);
    var trace = [];
    for (var d = 0; d <= max; d++) {
      trace.push(v.slice(off - d - 1, off + d + 2));
      for (var k = -d; k <= d; k += 2) {
        var xx = (k === -d || (k !== d && v[off + k - 1] < v[off + k + 1])) ? v[off + k + 1] : v[off + k - 1] + 1;
        var yy = xx - k;
        while (xx < n && yy < m && a[xx] === b[yy]) { xx++; yy++; }
        v[off + k] = xx;
        if (xx >= n && yy >= m) return backtrack(trace, a, b, d);
      }
    }
    return null;
  }

  function backtrack(trace, a, b, dEnd) {
    var out = [];
    var x = a.length, y = b.length;
    for (var d = dEnd; d > 0; d--) {
      var v = trace[d]; // v[k] is at index k + d + 1
      var at = function (k) { return v[k + d + 1]; };
      var k = x - y;
      var prevK = (k === -d || (k !== d && at(k - 1) < at(k + 1))) ? k + 1 : k - 1;
      var prevX = at(prevK), prevY = prevX - prevK;
      while (x > prevX && y > prevY) { out.push({ op: 'eq', text: a[x - 1] }); x--; y--; }
      if (prevK === k + 1) out.push({ op: 'ins', text: b[prevY] });
      else out.push({ op: 'del', text: a[prevX] });
      x = prevX; y = prevY;
    }
    while (x > 0 && y > 0) { out.push({ op: 'eq', text: a[x - 1] }); x--; y--; }
    return out.reverse();
  }

  // factRanges finds each fact in text: [{start, end, fact}] in UTF-16
  // offsets, leftmost first, not overlapping.
  function factRanges(text, facts) {
    var found = [];
    (facts || []).forEach(function (f) {
      if (!f) return;
      var from = 0, at;
      while ((at = text.indexOf(f, from)) >= 0) {
        found.push({ start: at, end: at + f.length, fact: f });
        from = at + f.length;
      }
    });
    found.sort(function (p, q) { return p.start - q.start || q.end - p.end; });
    var out = [];
    found.forEach(function (r) { if (!out.length || r.start >= out[out.length - 1].end) out.push(r); });
    return out;
  }

  // diff renders the rewrite against the draft, word by word: removed words
  // struck through, added ones underlined, and the facts that had to survive
  // marked where they stand in the rewrite.
  function diff(draft, rewrite, facts) {
    var ops = diffWords(draft, rewrite);
    var kept = factRanges(rewrite, facts);
    var p = el('p', { 'class': 'diff' });
    var pos = 0; // offset in the rewrite
    ops.forEach(function (o) {
      if (o.op === 'del') {
        p.appendChild(el('del', {}, [el('span', { 'class': 'sr-only', text: '[removed: ' }), o.text, el('span', { 'class': 'sr-only', text: ']' })]));
        return;
      }
      var parent = o.op === 'ins' ? el('ins', {}, [el('span', { 'class': 'sr-only', text: '[added: ' })]) : p;
      var start = pos, end = pos + o.text.length;
      var cur = start;
      kept.forEach(function (r) {
        var a = Math.max(r.start, start), b = Math.min(r.end, end);
        if (a >= b) return;
        if (a > cur) parent.appendChild(document.createTextNode(rewrite.slice(cur, a)));
        parent.appendChild(el('mark', { 'class': 'fact', title: 'A fact kept word for word', text: rewrite.slice(a, b) }));
        cur = b;
      });
      if (cur < end) parent.appendChild(document.createTextNode(rewrite.slice(cur, end)));
      if (parent !== p) {
        parent.appendChild(el('span', { 'class': 'sr-only', text: ']' }));
        p.appendChild(parent);
      }
      pos = end;
    });
    return p;
  }

  // rewriteResult renders a rewrite_draft result against the draft it
  // rewrote: the verdict, the facts kept and lost, and the diff.
  // opts.heading is the level of its headings ('h3').
  function rewriteResult(res, draft, guide, opts) {
    var h = (opts && opts.heading) || 'h3';
    var c = res.check || {};
    var missing = res.missing_facts || [];
    var kept = (res.facts || []).filter(function (f) { return missing.indexOf(f) < 0; });
    var root = el('div', { 'class': 'rewrite' }, [
      el('div', { 'class': 'report-head' }, [
        gauge(c.score || 0, !!res.pass),
        el('div', { 'class': 'report-sum' }, [
          el('p', { 'class': 'summary', text: res.pass ? 'The rewrite passes the check at the ' + res.level + ' level.' : 'The rewrite does not pass the check yet: edit it, or keep your own.' }),
          c.summary ? el('p', { 'class': 'muted', text: c.summary }) : null,
          el('p', { 'class': 'muted small', text: 'Written by the ' + res.engine + ' engine' + (res.model ? ' (' + res.model + ')' : '') + '.' }),
        ]),
      ]),
      el(h, { text: 'Changes' }),
      el('p', { 'class': 'legend small' }, [
        el('del', { text: 'removed' }), ' ', el('ins', { text: 'added' }), ' ', el('mark', { 'class': 'fact', text: 'fact kept' }),
      ]),
      diff(draft, res.text, kept),
    ]);
    if ((res.facts || []).length || missing.length) {
      var ul = el('ul', { 'class': 'facts', 'aria-label': 'Facts' });
      kept.forEach(function (f) { ul.appendChild(el('li', { 'class': 'fact-kept' }, [el('span', { 'class': 'sr-only', text: 'kept: ' }), f])); });
      missing.forEach(function (f) { ul.appendChild(el('li', { 'class': 'fact-lost' }, [el('span', { 'class': 'sr-only', text: 'lost: ' }), f])); });
      root.appendChild(el(h, { text: missing.length ? 'Facts (' + missing.length + ' lost)' : 'Facts (all kept)' }));
      root.appendChild(ul);
    }
    if (!res.pass && c.top_fixes && c.top_fixes.length) {
      root.appendChild(el(h, { text: 'Still to fix' }));
      var ol = el('ol', { 'class': 'fixes' });
      c.top_fixes.forEach(function (f) { ol.appendChild(el('li', { text: f })); });
      root.appendChild(ol);
    }
    return root;
  }

  global.pushbackScorecard = {
    Guide: Guide, el: el, humanize: humanize, capitalize: capitalize, kindOf: kindOf,
    segments: segments, marked: marked, gauge: gauge, report: report,
    tokens: tokens, diffWords: diffWords, factRanges: factRanges, diff: diff, rewriteResult: rewriteResult,
  };
})(window);
