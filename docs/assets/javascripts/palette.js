/*
 * 浅色/深色切换：代替 Material 的调色板组件（overrides/partials/palette.html 说明了原因）。
 * Handles the reader's clicks on the light/dark toggle; the saved choice is already applied
 * before the page is drawn (overrides/main.html, overrides/partials/palette.html). Storage key,
 * <body> attributes and the data-md-color-switching guard are Material's. The header survives
 * instant navigation, so this runs once per full page load.
 */
(function () {
  "use strict";

  var form = document.querySelector("form[data-hb-palette]");
  if (!form) return;
  var inputs = Array.prototype.slice.call(form.querySelectorAll("input"));
  var KEYS = ["media", "scheme", "primary", "accent"];

  function show(index) {
    inputs.forEach(function (input, i) {
      var label = input.nextElementSibling;
      if (label && label.tagName === "LABEL") label.hidden = i !== index;
    });
  }
  // The browser's own colours (address bar, scrollbars, form controls) follow the header and scheme.
  function syncMeta() {
    var header = document.querySelector("header");
    var theme = document.querySelector("meta[name=theme-color]");
    if (!theme) {
      theme = document.createElement("meta");
      theme.name = "theme-color";
      document.head.appendChild(theme);
    }
    if (header) theme.content = getComputedStyle(header).backgroundColor;
  }
  function choose(index) {
    var body = document.body, color = {};
    KEYS.forEach(function (k) { color[k] = inputs[index].getAttribute("data-md-color-" + k); });
    body.setAttribute("data-md-color-switching", "");  // Material's guard: no colour transitions now
    KEYS.forEach(function (k) { body.setAttribute("data-md-color-" + k, color[k]); });
    show(index);
    __md_set("__palette", { index: index, color: color });
    var scheme = document.querySelector("meta[name=color-scheme]");
    if (scheme) scheme.content = getComputedStyle(body).colorScheme || "normal";
    syncMeta();
    setTimeout(function () { body.removeAttribute("data-md-color-switching"); }, 0);
  }

  form.addEventListener("change", function (event) {
    var i = inputs.indexOf(event.target);
    if (i >= 0) choose(i);
  });
  // As in Material: Enter on the focused option switches to the next palette.
  form.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    var i = inputs.indexOf(document.activeElement);
    if (i < 0) return;
    event.preventDefault();
    var next = inputs[(i + 1) % inputs.length];
    next.click();
    next.focus();
  });
  if (document.readyState === "complete") setTimeout(syncMeta, 0);
  else addEventListener("load", function () { setTimeout(syncMeta, 0); }, { once: true });
})();
