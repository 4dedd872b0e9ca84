/*
 * Search worker of 深度学习面试手册.
 *
 * Material for MkDocs' header search box talks to a web worker through four messages
 * (SETUP -> READY, QUERY -> RESULT); this worker answers them in place of Material's lunr worker
 * (overrides/partials/search.html swaps it in). It reads search/search_index.json, written by
 * scripts/search_index.py: one entry per page with title, aliases, defined terms and sections.
 *
 * Matching, and why (measured in docs/contributing/search.md):
 * - Chinese is matched by substring and character bigrams, not by words: no dictionary to ship,
 *   sub-terms (归一化 in 批归一化) and unspaced queries (BN训练和测试的区别) just work.
 * - Latin words match at a word start, in any case; a word the site does not contain is replaced
 *   by the closest word it does contain (Sigmod -> sigmoid), and "drop out" also tries "dropout".
 * - A query equal to a page's title, alias or defined term ranks that page first (abbreviations:
 *   BN, Adam); otherwise pages are ranked BM25-style over title+aliases, headings and body text.
 * - A page is a result only if it covers at least half of the query, so a query about something
 *   the site does not cover (区块链) finds nothing instead of pages sharing one character.
 */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var MIN_COVERAGE = 0.5;
var MAX_RESULTS = 30;
var FIELD_WEIGHT = { keys: 6, head: 2, body: 1 };

var pages = [];
var vocabulary = new Map();   // latin word -> number of pages containing it
var compounds = new Map();    // "kmeans" -> "k-means"
var avgBody = 1;

/* Lower-case, half-width, "×" as "x"; keeps string length so match offsets map back. */
function fold(text) {
  return String(text)
    .replace(/[\uFF01-\uFF5E]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xFEE0); })
    .replace(/[\u00D7\u2715]/g, "x")
    .replace(/[A-Z]/g, function (c) { return c.toLowerCase(); });
}

/* Only letters, digits and Han: how titles, aliases and whole queries are compared. */
function squash(text) {
  return fold(text).replace(/[^0-9a-z\u3400-\u9fff]+/g, "");
}

var HAN = /[\u3400-\u9fff]/;
var TOKEN = /[\u3400-\u9fff]+|[0-9a-z]+(?:[-.+][0-9a-z]+)*/g;
var WORD = /[0-9a-z]+(?:-[0-9a-z]+)*/g;

function isWordChar(c) { return c !== undefined && /[0-9a-z]/.test(c); }

/* Occurrences of `unit` in `text` (latin units only at a word start). */
function count(text, unit, latin) {
  var n = 0, from = 0, at;
  while ((at = text.indexOf(unit, from)) !== -1) {
    if (!latin || !isWordChar(text[at - 1])) n += 1;
    from = at + unit.length;
  }
  return n;
}

function setup(data) {
  pages = data.docs.map(function (doc) {
    var keys = [doc.title].concat(doc.aliases || [], doc.terms || []);
    var sections = (doc.sections || []).map(function (s) {
      return { anchor: s[0], title: s[1], text: s[2], foldedTitle: fold(s[1]), foldedText: fold(s[2]) };
    });
    var page = {
      location: doc.location,
      title: doc.title,
      weight: doc.weight || 1,
      exact: new Set(keys.map(squash).filter(Boolean)),
      defines: new Set((doc.terms || []).map(squash).filter(Boolean)),
      keys: fold(keys.join("\n")),
      head: sections.map(function (s) { return s.foldedTitle; }).join("\n"),
      body: sections.map(function (s) { return s.foldedText; }).join("\n"),
      sections: sections
    };
    var seen = new Set();
    [page.keys, page.head, page.body].forEach(function (text) {
      (text.match(WORD) || []).forEach(function (word) {
        seen.add(word);
        if (word.indexOf("-") > 0) {
          compounds.set(word.replace(/-/g, ""), word);
          word.split("-").forEach(function (part) { seen.add(part); });
        }
      });
    });
    seen.forEach(function (word) { vocabulary.set(word, (vocabulary.get(word) || 0) + 1); });
    return page;
  });
  avgBody = pages.reduce(function (sum, p) { return sum + p.body.length; }, 0) / Math.max(pages.length, 1);
}

/* Damerau-Levenshtein distance (optimal string alignment), stopping early above `limit`. */
function distance(a, b, limit) {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  var prev2 = null, prev = [], cur, i, j;
  for (j = 0; j <= b.length; j++) prev[j] = j;
  for (i = 1; i <= a.length; i++) {
    cur = [i];
    var best = i;
    for (j = 1; j <= b.length; j++) {
      var cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        cur[j] = Math.min(cur[j], prev2[j - 2] + 1);
      if (cur[j] < best) best = cur[j];
    }
    if (best > limit) return limit + 1;
    prev2 = prev; prev = cur;
  }
  return prev[b.length];
}

/* A latin word the site never uses: the closest word it does use, if close enough. */
function correct(word) {
  if (vocabulary.has(word) || word.length < 4 || /^[0-9]/.test(word)) return word;
  if (compounds.has(word)) return compounds.get(word);
  var limit = word.length >= 7 ? 2 : 1, best = null, bestDistance = limit + 1, bestCount = 0;
  vocabulary.forEach(function (pagesWith, candidate) {
    if (candidate.length < 3) return;
    var d = distance(word, candidate, limit);
    if (d < bestDistance || (d === bestDistance && d <= limit && pagesWith > bestCount)) {
      best = candidate; bestDistance = d; bestCount = pagesWith;
    }
  });
  return best || word;
}

/*
 * A query -> the units that are matched (bigrams, single Han characters, latin words), each with
 * the query characters it covers, plus the phrases (whole Han runs and latin word sequences).
 */
function analyse(query) {
  var folded = fold(query.normalize ? query.normalize("NFKC") : query);
  var tokens = folded.match(TOKEN) || [];
  var units = [], weights = [], terms = [], phrases = [];
  tokens.forEach(function (token, i) {
    var first = weights.length;
    terms.push(token);
    if (HAN.test(token)) {
      token.split("").forEach(function () { weights.push(1); });
      if (token.length === 1) units.push({ text: token, latin: false, covers: [first] });
      for (var k = 0; k + 1 < token.length; k++)
        units.push({ text: token.substr(k, 2), latin: false, covers: [first + k, first + k + 1] });
      if (token.length > 2) phrases.push(token);
      return;
    }
    weights.push(2);
    units.push({ text: correct(token), latin: true, covers: [first] });
    /* "drop out" -> also "dropout", covering both words */
    var previous = tokens[i - 1];
    if (previous && !HAN.test(previous) && vocabulary.has(previous + token))
      units.push({ text: previous + token, latin: true, covers: [first - 1, first] });
  });
  return { squashed: squash(folded), units: units, weights: weights, terms: terms, phrases: phrases };
}

function saturate(tf, length) {
  var k = 1.2, b = 0.5;
  return tf * (k + 1) / (tf + k * (1 - b + b * length / avgBody));
}

function score(q) {
  var n = pages.length;
  /* Occurrences of every unit in every page's fields, counted once per query. */
  var counts = q.units.map(function (unit) {
    return pages.map(function (page) {
      var c = [count(page.keys, unit.text, unit.latin), count(page.head, unit.text, unit.latin),
               count(page.body, unit.text, unit.latin)];
      return c[0] || c[1] || c[2] ? c : null;
    });
  });
  var idf = counts.map(function (perPage) {
    var df = perPage.filter(Boolean).length;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  });
  var total = q.weights.reduce(function (a, b) { return a + b; }, 0);
  var results = [];
  pages.forEach(function (page, p) {
    var s = 0, covered = new Set(), matched = [];
    q.units.forEach(function (unit, i) {
      var c = counts[i][p];
      if (!c) return;
      matched.push(unit);
      unit.covers.forEach(function (k) { covered.add(k); });
      s += idf[i] * (FIELD_WEIGHT.keys * Math.min(c[0], 2) + FIELD_WEIGHT.head * Math.min(c[1], 2) +
                     FIELD_WEIGHT.body * saturate(c[2], page.body.length));
    });
    if (!matched.length) return;
    var coverage = 0;
    covered.forEach(function (k) { coverage += q.weights[k]; });
    coverage /= total;
    if (coverage < MIN_COVERAGE) return;
    q.phrases.forEach(function (phrase) {
      if (page.keys.indexOf(phrase) !== -1) s += 8 * phrase.length;
      else if (page.head.indexOf(phrase) !== -1) s += 3 * phrase.length;
      else if (page.body.indexOf(phrase) !== -1) s += 1 * phrase.length;
    });
    s *= coverage * coverage * page.weight;
    if (page.defines.has(q.squashed)) s += 2000;
    else if (page.exact.has(q.squashed)) s += 1000;
    results.push({ page: page, score: s, matched: matched });
  });
  results.sort(function (a, b) { return b.score - a.score; });
  return results.slice(0, MAX_RESULTS);
}

function escapeHTML(text) {
  return text.replace(/[&<>"]/g, function (c) {
    return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;" }[c];
  });
}

/* Wraps every match of the matched units in <mark>; `folded` is fold(text), same length. */
function highlight(text, folded, units, around) {
  var marks = new Array(text.length + 1).fill(0);
  units.forEach(function (unit) {
    var from = 0, at;
    while ((at = folded.indexOf(unit.text, from)) !== -1) {
      if (!unit.latin || !isWordChar(folded[at - 1])) {
        marks[at] += 1; marks[at + unit.text.length] -= 1;
      }
      from = at + unit.text.length;
    }
  });
  var start = 0, end = text.length;
  if (around) {
    var first = marks.findIndex(function (m) { return m > 0; });
    if (first > 40) start = first - 30;
    end = Math.min(text.length, start + around);
  }
  var out = start > 0 ? "…" : "", depth = 0, open = false;
  for (var i = start; i < end; i++) {
    depth += marks[i];
    if (depth > 0 && !open) { out += "<mark>"; open = true; }
    if (depth <= 0 && open) { out += "</mark>"; open = false; }
    out += escapeHTML(text[i]);
  }
  if (open) out += "</mark>";
  return out + (end < text.length ? "…" : "");
}

function search(query) {
  var q = analyse(query);
  if (!q.units.length) return { items: [] };
  var items = score(q).map(function (result) {
    var page = result.page, units = result.matched;
    var terms = {};
    q.terms.forEach(function (term) {
      terms[term] = units.some(function (u) { return term.indexOf(u.text) !== -1 || u.text.indexOf(term) !== -1; });
    });
    var teaser = page.sections.find(function (s) { return s.text; });
    var group = [{
      location: page.location,
      title: highlight(page.title, fold(page.title), units),
      text: teaser ? highlight(teaser.text, teaser.foldedText, units, 140) : "",
      score: result.score,
      terms: terms
    }];
    /* Matching sections, under the page and below its score: Material folds them away. */
    page.sections.forEach(function (section) {
      if (!section.anchor) return;
      var s = 0;
      units.forEach(function (unit) {
        s += 2 * count(section.foldedTitle, unit.text, unit.latin) + count(section.foldedText, unit.text, unit.latin);
      });
      if (s > 0) group.push({
        location: page.location + "#" + section.anchor,
        title: highlight(section.title, section.foldedTitle, units),
        text: highlight(section.text, section.foldedText, units, 140),
        score: result.score * 0.5 * s / (s + 1),
        terms: terms
      });
    });
    group.sort(function (a, b) { return b.score - a.score; });
    return group;
  });
  return { items: items };
}

addEventListener("message", function (ev) {
  var message = ev.data;
  if (message.type === SETUP) {
    setup(message.data);
    postMessage({ type: READY });
  } else if (message.type === QUERY) {
    var data;
    try {
      data = search(String(message.data || ""));
    } catch (err) {
      console.warn("search failed for " + JSON.stringify(message.data), err);
      data = { items: [] };
    }
    postMessage({ type: RESULT, data: data });
  }
});
