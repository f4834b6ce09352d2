/* kbgen search box: vanilla ES2018, no network beyond the index kbgen wrote.
   Reads window.KBGEN_SEARCH_INDEX (assets/search-index.js); falls back to
   fetch(root + "search-index.json") only when that global is missing. */
(function () {
  "use strict";
  var script = document.currentScript;
  var input = document.getElementById("search");
  var list = document.getElementById("search-results");
  if (!input || !list) return;
  var form = input.form;
  var meta = document.querySelector('meta[name="kbgen-root"]');
  var root = script && script.hasAttribute("data-root") ? script.getAttribute("data-root")
    : meta ? meta.getAttribute("content") || "" : "";
  var MAX = 20;
  var entries = null;
  var absolute = /^(?:[a-z][a-z0-9+.-]*:|\/)/i;

  function norm(s) {
    return String(s || "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }
  function prepare(index) {
    var rel = !index || index.root_relative !== false;
    entries = ((index && index.entries) || []).map(function (e) {
      var names = [e.code].concat(e.aliases || []).map(function (n) { return String(n).toLowerCase(); });
      return {
        e: e,
        names: names,
        href: rel && !absolute.test(e.url || "") ? root + e.url : e.url,
        nameText: " " + norm(names.join(" ")),
        title: " " + norm(e.title),
        summary: " " + norm(e.summary),
        text: " " + norm([e.text, e.product, e.category, (e.tags || []).join(" ")].join(" "))
      };
    });
    if (input.value) update();
  }
  function score(x, q, words) {
    var s = 0;
    if (x.names.indexOf(q) >= 0) s += 100000; /* exact code or alias */
    else if (x.names.some(function (n) { return n.indexOf(q) === 0; })) s += 10000; /* prefix */
    for (var i = 0; i < words.length; i++) {
      var w = words[i], ws = " " + w;
      if (x.nameText.indexOf(w) >= 0) s += x.nameText.indexOf(ws) >= 0 ? 60 : 40;
      else if (x.title.indexOf(ws) >= 0) s += 30;
      else if (x.title.indexOf(w) >= 0) s += 20;
      else if (x.summary.indexOf(ws) >= 0) s += 8;
      else if (x.text.indexOf(ws) >= 0) s += 4;
      else if (x.summary.indexOf(w) >= 0 || x.text.indexOf(w) >= 0) s += 1;
      else return 0; /* every word must match somewhere */
    }
    return s;
  }
  function search(raw) {
    var q = raw.trim().toLowerCase();
    var words = norm(q).split(" ").filter(Boolean);
    if (!entries || !words.length) return [];
    return entries.map(function (x) { return { x: x, s: score(x, q, words) }; })
      .filter(function (r) { return r.s > 0; })
      .sort(function (a, b) {
        return b.s - a.s || (a.x.e.code < b.x.e.code ? -1 : a.x.e.code > b.x.e.code ? 1 : 0);
      })
      .slice(0, MAX).map(function (r) { return r.x; });
  }
  function el(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text) n.textContent = text;
    return n;
  }
  function update() {
    var q = input.value;
    list.textContent = "";
    if (!q.trim()) return;
    var results = search(q);
    if (!results.length) {
      list.appendChild(el("li", "search-empty", entries ? "No matching error codes." : "Search is not available."));
    }
    results.forEach(function (x) {
      var li = el("li"), a = el("a");
      a.href = x.href;
      a.appendChild(el("span", "result-code", x.e.code));
      a.appendChild(document.createTextNode(" · " + (x.e.title || "")));
      if (x.e.summary) a.appendChild(el("span", "result-summary", x.e.summary));
      li.appendChild(a);
      list.appendChild(li);
    });
  }
  function clear() {
    input.value = "";
    list.textContent = "";
  }

  input.addEventListener("input", update);
  input.addEventListener("focus", function () { if (!list.firstChild) update(); });
  document.addEventListener("click", function (ev) {
    if (form ? !form.contains(ev.target) : ev.target !== input) list.textContent = "";
  });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { clear(); ev.preventDefault(); }
    else if (ev.key === "ArrowDown" && list.querySelector("a")) { list.querySelector("a").focus(); ev.preventDefault(); }
  });
  list.addEventListener("keydown", function (ev) {
    var links = Array.prototype.slice.call(list.querySelectorAll("a"));
    var i = links.indexOf(document.activeElement);
    if (i < 0) return;
    if (ev.key === "ArrowDown" && i + 1 < links.length) { links[i + 1].focus(); ev.preventDefault(); }
    else if (ev.key === "ArrowUp") { (i ? links[i - 1] : input).focus(); ev.preventDefault(); }
    else if (ev.key === "Escape") { clear(); input.focus(); ev.preventDefault(); }
  });
  if (form) {
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var first = list.querySelector("a");
      if (!first && input.value.trim()) { update(); first = list.querySelector("a"); }
      if (first) window.location.href = first.href;
    });
  }

  /* Start with ?q=..., or on the 404 page with the last segment of the address. */
  var start = "";
  try { start = new URLSearchParams(window.location.search).get("q") || ""; } catch (e) { start = ""; }
  if (!start && document.body && /\bpage-404\b/.test(document.body.className)) {
    var parts = window.location.pathname.split("/").filter(function (p) { return p && !/^index\.html?$/i.test(p); });
    if (parts.length && !/^404\.html?$/i.test(parts[parts.length - 1])) {
      try { start = decodeURIComponent(parts[parts.length - 1]).replace(/\.html?$/i, ""); } catch (e) { start = ""; }
    }
  }
  if (start) input.value = start;

  if (window.KBGEN_SEARCH_INDEX) {
    prepare(window.KBGEN_SEARCH_INDEX);
  } else if (window.fetch) {
    fetch(root + "search-index.json")
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (index) { prepare(index); })
      .catch(function () { if (input.value) update(); });
  }
})();
