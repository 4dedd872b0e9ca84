/*
 * 练习工具（全部在浏览器里完成，数据只存在本机 localStorage）：
 *   背题模式 -- 题目页的各节答案先隐藏，点节标题或“显示答案”逐节揭开；开关状态持久保存。
 *   随机一题 -- 从构建时生成的 assets/questions.json 里随机挑一题（全站或本章）。
 *   已掌握   -- 题目页可标记/取消；章节首页的题目表显示 ✓ 和“已掌握 x / n”。
 * Material 的即时导航会替换正文，document$ 每次发出新页面时重新执行 init()。
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var ROOT = new URL("../../", script ? script.src : location.href); // docs/assets/javascripts/ -> site root
  var KEY_QUIZ = "dlh.practice.quiz";
  var KEY_DONE = "dlh.practice.mastered";
  var questionsPromise = null;

  function storage() {
    try { return window.localStorage; } catch (e) { return null; }
  }
  function load(key) {
    var s = storage();
    try { return s ? s.getItem(key) : null; } catch (e) { return null; }
  }
  function save(key, value) {
    var s = storage();
    try { if (s) { if (value === null) s.removeItem(key); else s.setItem(key, value); } } catch (e) { /* private mode */ }
  }
  function mastered() {
    try { return JSON.parse(load(KEY_DONE) || "{}") || {}; } catch (e) { return {}; }
  }
  function setMastered(key, on) {
    var all = mastered();
    if (on) all[key] = Date.now(); else delete all[key];
    save(KEY_DONE, JSON.stringify(all));
  }
  function quizOn() { return load(KEY_QUIZ) === "1"; }

  /* Path of a page relative to the site root: "", "cnn/", "cnn/pooling/". */
  function pageKey(href) {
    var u = new URL(href, location.href);
    var p = decodeURI(u.pathname);
    var root = decodeURI(ROOT.pathname);
    if (p.indexOf(root) === 0) p = p.slice(root.length);
    return p.replace(/index\.html$/, "");
  }

  function questions() {
    if (!questionsPromise) {
      questionsPromise = fetch(new URL("assets/questions.json", ROOT).href)
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .catch(function () { questionsPromise = null; return []; });
    }
    return questionsPromise;
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text) e.textContent = text;
    return e;
  }

  function pick(list, exclude) {
    var pool = list.filter(function (q) { return q.url !== exclude; });
    if (!pool.length) pool = list;
    return pool.length ? pool[Math.floor(Math.random() * pool.length)] : null;
  }

  /* A link whose target is a random question (re-drawn on every click). */
  function wireRandom(a, all, chapter, here) {
    var list = chapter ? all.filter(function (q) { return q.chapter === chapter; }) : all;
    function draw() {
      var q = pick(list, here);
      if (q) a.href = new URL(q.url, ROOT).href;
    }
    draw();
    if (!list.length) a.hidden = true;
    a.addEventListener("click", function () { setTimeout(draw, 0); });
  }

  function wireQuiz(b) {
    b.setAttribute("aria-pressed", String(quizOn()));
    b.addEventListener("click", function () {
      save(KEY_QUIZ, quizOn() ? null : "1");
      applyQuiz();
    });
  }

  function applyQuiz() {
    var on = quizOn();
    if (on) setupSections(document.querySelector(".md-content article[data-qa-question]"));
    document.documentElement.classList.toggle("qa-quiz", on);
    document.querySelectorAll(".qa-quiz-toggle").forEach(function (b) { b.setAttribute("aria-pressed", String(on)); });
    document.querySelectorAll(".qa-section.qa-shown").forEach(function (s) { if (!on) s.classList.remove("qa-shown"); });
    document.querySelectorAll(".qa-reveal").forEach(function (b) { syncReveal(b); });
  }

  /* Question page: group the siblings after each h2 into sections that 背题模式 can hide. Done only
     once 背题模式 is on: moving the answer into boxes lays out the whole page again. */
  function setupSections(article) {
    if (!article || article.hasAttribute("data-qa-sections")) return;
    article.setAttribute("data-qa-sections", "");
    var heads = Array.prototype.filter.call(article.children, function (n) { return n.tagName === "H2"; });
    heads.forEach(function (h, i) {
      var id = "qa-section-" + i;
      var items = [];
      for (var n = h.nextElementSibling; n && n.tagName !== "H2"; n = n.nextElementSibling) {
        if (n.matches(".md-source-file, aside, .qa-toolbar, script")) break;
        items.push(n);
      }
      if (!items.length) return;
      var box = el("div", { "class": "qa-section", id: id });
      h.parentNode.insertBefore(box, items[0]);
      items.forEach(function (n) { box.appendChild(n); });
      var b = el("button", { type: "button", "class": "qa-btn qa-reveal", "aria-controls": id, "aria-expanded": "false" });
      h.parentNode.insertBefore(b, box);
      b.addEventListener("click", function () { toggleSection(b); });
      h.classList.add("qa-head");
      h.addEventListener("click", function (ev) {
        if (!quizOn() || (ev.target.closest && ev.target.closest("a"))) return;
        toggleSection(b);
      });
      syncReveal(b);
    });
  }
  function toggleSection(b) {
    var box = document.getElementById(b.getAttribute("aria-controls"));
    if (!box) return;
    box.classList.toggle("qa-shown");
    syncReveal(b);
  }
  function syncReveal(b) {
    var box = document.getElementById(b.getAttribute("aria-controls"));
    var shown = !quizOn() || (box && box.classList.contains("qa-shown"));
    b.setAttribute("aria-expanded", String(!!shown));
    b.textContent = shown ? "隐藏答案" : "显示答案";
  }

  function wireMastered(b, key) {
    function sync() {
      var on = !!mastered()[key];
      b.setAttribute("aria-pressed", String(on));
      b.textContent = on ? "✓ 已掌握" : "标记为已掌握";
    }
    b.addEventListener("click", function () { setMastered(key, !mastered()[key]); sync(); });
    sync();
  }

  /* Chapter index: a 已掌握 column in the question table and the progress count. */
  function markTable(article, chapterQs) {
    var urls = {};
    chapterQs.forEach(function (q) { urls[q.url] = true; });
    var done = mastered();
    var count = 0;
    article.querySelectorAll("table").forEach(function (table) {
      if (table.getAttribute("data-qa-marked")) return;
      var rows = table.querySelectorAll("tbody tr");
      var hits = Array.prototype.filter.call(rows, function (tr) {
        var a = tr.querySelector("a[href]");
        return a && urls[pageKey(a.href)];
      });
      if (!hits.length) return;
      table.setAttribute("data-qa-marked", "1");
      var headRow = table.querySelector("thead tr");
      if (headRow) headRow.appendChild(el("th", { "class": "qa-done-col" }, "已掌握"));
      Array.prototype.forEach.call(rows, function (tr) {
        var a = tr.querySelector("a[href]");
        var on = !!(a && done[pageKey(a.href)]);
        if (on) count++;
        var td = el("td", { "class": "qa-done-col" });
        if (on) {
          td.appendChild(el("span", { "class": "qa-check", "aria-hidden": "true" }, "✓"));
          td.appendChild(el("span", { "class": "qa-sr" }, "已掌握"));
          tr.classList.add("qa-row-done");
        }
        tr.appendChild(td);
      });
    });
    return count;
  }

  /* Formulas, tables and notebook cells that scroll sideways get keyboard access (tabindex) and a
     name; re-checked after fonts load and on resize, since their width depends on both. */
  var SCROLLERS = "article .arithmatex, article .md-typeset__scrollwrap, article div[class*='jp-'], article div[class*='jp-'] > pre";
  function scrollables() {
    // Measure every box first, then write: a write between two reads makes the browser lay out
    // the whole (formula-heavy) page again for each box.
    var boxes = Array.prototype.filter.call(document.querySelectorAll(SCROLLERS), function (box) {
      if (box.hasAttribute("tabindex") || box.closest(".katex")) return false;
      if (box.scrollWidth <= box.clientWidth + 1) return false;
      var ox = getComputedStyle(box).overflowX;
      return (ox === "auto" || ox === "scroll") && !box.querySelector("a[href], button, input, select, textarea, [tabindex]");
    });
    boxes.forEach(function (box) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", box.classList.contains("arithmatex") ? "公式（可横向滚动）"
        : box.classList.contains("md-typeset__scrollwrap") ? "表格（可横向滚动）" : "内容（可横向滚动）");
    });
  }
  var resizeTimer = 0;
  window.addEventListener("resize", function () { clearTimeout(resizeTimer); resizeTimer = setTimeout(scrollables, 200); });
  // First page: one pass once the page and its fonts are in (each pass reads every formula box).
  var loaded = new Promise(function (resolve) {
    if (document.readyState === "complete") resolve();
    else window.addEventListener("load", function () { resolve(); }, { once: true });
  });
  Promise.all([loaded, document.fonts && document.fonts.ready]).then(scrollables);
  var firstPage = true;

  /* Material's search dialog has no accessible name (axe: aria-dialog-name). */
  function nameDialogs() {
    document.querySelectorAll(".md-search[role=dialog]:not([aria-label]):not([aria-labelledby])").forEach(function (d) {
      d.setAttribute("aria-label", "搜索");
    });
  }

  function init() {
    nameDialogs();
    // Pages opened by instant navigation: after the next frame's layout, when measuring is free.
    if (!firstPage) requestAnimationFrame(function () { setTimeout(scrollables, 0); });
    firstPage = false;
    var article = document.querySelector(".md-content article");
    // The toolbar is written by the build (scripts/hooks.py), with data-qa-page = question,
    // chapter or home; this only wires it up, once per page.
    var bar = article && article.querySelector(".qa-toolbar[data-qa-page]");
    if (!bar || bar.hasAttribute("data-qa-ready")) { applyQuiz(); return; }
    bar.setAttribute("data-qa-ready", "");
    var kind = bar.getAttribute("data-qa-page");
    var here = pageKey(location.href);
    var chapter = kind === "home" ? null : here.split("/")[0];

    // Abbreviation tooltips open on tap too: a focusable <abbr> gets Material's tooltip on focus.
    // (Not inside links or buttons: a focusable element must not sit inside another one.)
    article.querySelectorAll("abbr").forEach(function (a) {
      if (!a.hasAttribute("tabindex") && !a.closest("a, button, summary, label")) a.setAttribute("tabindex", "0");
    });

    var quiz = bar.querySelector("[data-qa=quiz]");
    if (quiz) wireQuiz(quiz);
    if (kind === "question") {
      article.setAttribute("data-qa-question", "");
      wireMastered(bar.querySelector("[data-qa=mastered]"), here);
    }
    questions().then(function (all) {
      if (!bar.isConnected) return;
      var all_ = bar.querySelector("[data-qa=random]"), mine_ = bar.querySelector("[data-qa=random-chapter]");
      if (all_) wireRandom(all_, all, null, here);
      if (mine_) wireRandom(mine_, all, chapter, here);
      var progress = bar.querySelector(".qa-progress");
      if (!progress) return;
      var mine = chapter ? all.filter(function (q) { return q.chapter === chapter; }) : all;
      var done = mastered();
      var n = chapter ? markTable(article, mine) : all.filter(function (q) { return done[q.url]; }).length;
      progress.textContent = "已掌握 " + n + " / " + mine.length;
      progress.setAttribute("data-qa-counted", "");
    });
    applyQuiz();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { init(); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
