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
  function randomLink(label, title, all, chapter, here) {
    var list = chapter ? all.filter(function (q) { return q.chapter === chapter; }) : all;
    var a = el("a", { "class": "qa-btn qa-random", "data-qa": chapter ? "random-chapter" : "random", title: title }, label);
    function draw() {
      var q = pick(list, here);
      if (q) a.href = new URL(q.url, ROOT).href;
    }
    draw();
    if (!list.length) a.hidden = true;
    a.addEventListener("click", function () { setTimeout(draw, 0); });
    return a;
  }

  function quizButton() {
    var b = el("button", { type: "button", "class": "qa-btn qa-quiz-toggle", "data-qa": "quiz",
      "aria-pressed": String(quizOn()), title: "开启后题目页的答案先隐藏，逐节点开自测" }, "背题模式");
    b.addEventListener("click", function () {
      var on = !quizOn();
      save(KEY_QUIZ, on ? "1" : null);
      b.setAttribute("aria-pressed", String(on));
      applyQuiz();
    });
    return b;
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

  function masteredButton(key) {
    var b = el("button", { type: "button", "class": "qa-btn qa-mastered-toggle", "data-qa": "mastered" });
    function sync() {
      var on = !!mastered()[key];
      b.setAttribute("aria-pressed", String(on));
      b.textContent = on ? "✓ 已掌握" : "标记为已掌握";
    }
    b.addEventListener("click", function () { setMastered(key, !mastered()[key]); sync(); });
    sync();
    return b;
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

  function toolbar(article, anchor) {
    var bar = el("div", { "class": "qa-toolbar", role: "group", "aria-label": "练习工具" });
    if (anchor && anchor.parentNode) anchor.parentNode.insertBefore(bar, anchor.nextSibling);
    else article.insertBefore(bar, article.firstChild);
    return bar;
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
    if (!article || article.querySelector(".qa-toolbar")) { applyQuiz(); return; }
    var here = pageKey(location.href);
    var h1 = article.querySelector("h1");
    var meta = article.querySelector(".qa-meta");
    var isQuestion = !!meta && /^[^/]+\/[^/]+\/$/.test(here);
    var isChapter = !isQuestion && !!article.querySelector(".qa-count") && /^[^/]+\/$/.test(here);
    var isHome = here === "";

    // Abbreviation tooltips open on tap too: a focusable <abbr> gets Material's tooltip on focus.
    // (Not inside links or buttons: a focusable element must not sit inside another one.)
    article.querySelectorAll("abbr").forEach(function (a) {
      if (!a.hasAttribute("tabindex") && !a.closest("a, button, summary, label")) a.setAttribute("tabindex", "0");
    });

    if (isQuestion) {
      var bar = toolbar(article, meta);
      bar.appendChild(quizButton());
      bar.appendChild(masteredButton(here));
      article.setAttribute("data-qa-question", "");
      var chapter = here.split("/")[0];
      questions().then(function (all) {
        if (!bar.isConnected) return;
        bar.appendChild(randomLink("随机一题", "从全部题目中随机打开一题", all, null, here));
        bar.appendChild(randomLink("本章随机", "从本章题目中随机打开一题", all, chapter, here));
      });
    } else if (isChapter || isHome) {
      var bar2 = toolbar(article, h1);
      if (isChapter) bar2.appendChild(quizButton());
      var progress = el("p", { "class": "qa-progress", "aria-live": "polite" });
      questions().then(function (all) {
        if (!bar2.isConnected) return;
        var chapter = here.split("/")[0];
        var mine = isChapter ? all.filter(function (q) { return q.chapter === chapter; }) : all;
        if (isChapter) {
          bar2.appendChild(randomLink("本章随机一题", "从本章题目中随机打开一题", all, chapter, here));
          bar2.appendChild(randomLink("全站随机", "从全部题目中随机打开一题", all, null, here));
          var n = markTable(article, mine);
          progress.textContent = "已掌握 " + n + " / " + mine.length;
        } else {
          bar2.appendChild(randomLink("随机一题", "从全部题目中随机打开一题", all, null, here));
          var done = mastered();
          var k = all.filter(function (q) { return done[q.url]; }).length;
          progress.textContent = "已掌握 " + k + " / " + all.length;
        }
        bar2.appendChild(progress);
      });
    }
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
