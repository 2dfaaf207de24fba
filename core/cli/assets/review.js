/* review.js - the `zhclaim show` page: record on hover or focus, sortable
 * and filterable claims tables, a row click scrolls to its claim.
 * Embedded in every page at build time; no network, no library. */
(function () {
  "use strict";
  var records = {};   // "doc-index:claim-index" -> record object
  var golds = {};     // "doc-index:gold-index" -> gold record (misses)

  function readData() {
    var blocks = document.querySelectorAll("script.records");
    for (var b = 0; b < blocks.length; b++) {
      var doc = blocks[b].getAttribute("data-doc");
      var into = blocks[b].getAttribute("data-what") === "gold" ? golds : records;
      var lines = blocks[b].textContent.split("\n");
      var n = 0;
      for (var i = 0; i < lines.length; i++) {
        if (!lines[i].trim()) continue;
        into[doc + ":" + n++] = JSON.parse(lines[i]);
      }
    }
  }

  var FIELDS = ["kind", "text", "value", "unit", "approx", "range", "subject", "metric",
                "from", "plugin", "span", "page"];

  function show(el) {
    var doc = el.closest("section.doc").getAttribute("data-doc");
    var gold = el.classList.contains("miss");
    var rec = gold ? golds[doc + ":" + el.getAttribute("data-g")]
                   : records[doc + ":" + el.getAttribute("data-i")];
    if (!rec) return;
    var tip = document.getElementById("tip");
    tip.textContent = "";
    var head = document.createElement("div");
    head.style.fontWeight = "600";
    head.textContent = gold ? "missed (in the gold, not found)"
      : el.classList.contains("fp") ? "false positive (not in the gold)"
      : el.classList.contains("tp") ? "matches the gold" : "claim";
    tip.appendChild(head);
    var dl = document.createElement("dl");
    FIELDS.forEach(function (f) {
      if (rec[f] === undefined || rec[f] === null) return;
      var dt = document.createElement("dt"), dd = document.createElement("dd");
      dt.textContent = f;
      dd.textContent = Array.isArray(rec[f]) ? "[" + rec[f].join(", ") + "]" : String(rec[f]);
      dl.appendChild(dt); dl.appendChild(dd);
    });
    tip.appendChild(dl);
    tip.style.display = "block";
    var r = el.getBoundingClientRect();
    var top = r.bottom + 6;
    if (top + tip.offsetHeight > window.innerHeight) top = Math.max(4, r.top - tip.offsetHeight - 6);
    var left = Math.min(Math.max(4, r.left), window.innerWidth - tip.offsetWidth - 8);
    tip.style.top = top + "px";
    tip.style.left = left + "px";
  }

  function hide() { document.getElementById("tip").style.display = "none"; }

  function bindMarks() {
    var marks = document.querySelectorAll(".claim, .miss");
    for (var i = 0; i < marks.length; i++) {
      marks[i].addEventListener("mouseenter", function (e) { show(e.currentTarget); });
      marks[i].addEventListener("mouseleave", hide);
      marks[i].addEventListener("focus", function (e) { show(e.currentTarget); });
      marks[i].addEventListener("blur", hide);
    }
    window.addEventListener("scroll", hide, true);
  }

  function cellValue(row, col) {
    var c = row.cells[col];
    var v = c.getAttribute("data-sort");
    if (v === null) v = c.textContent;
    var n = Number(v);
    return v !== "" && !isNaN(n) ? n : v;
  }

  function bindSort(table) {
    var ths = table.tHead.rows[0].cells;
    for (var i = 0; i < ths.length; i++) {
      (function (col) {
        ths[col].tabIndex = 0;
        function sort() {
          var asc = ths[col].getAttribute("aria-sort") !== "ascending";
          for (var k = 0; k < ths.length; k++) ths[k].removeAttribute("aria-sort");
          ths[col].setAttribute("aria-sort", asc ? "ascending" : "descending");
          var body = table.tBodies[0];
          var rows = Array.prototype.slice.call(body.rows);
          rows.sort(function (a, b) {
            var x = cellValue(a, col), y = cellValue(b, col);
            var c = typeof x === "number" && typeof y === "number" ? x - y
              : String(x).localeCompare(String(y), "zh");
            return asc ? c : -c;
          });
          rows.forEach(function (r) { body.appendChild(r); });
        }
        ths[col].addEventListener("click", sort);
        ths[col].addEventListener("keydown", function (e) {
          if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); }
        });
      })(i);
    }
  }

  function bindFilter(section) {
    var kind = section.querySelector("select.kind-filter");
    var subj = section.querySelector("input.subject-filter");
    var table = section.querySelector("table.claims");
    if (!kind || !subj || !table) return;
    function apply() {
      var k = kind.value, s = subj.value.trim();
      var rows = table.tBodies[0].rows, shown = 0;
      for (var i = 0; i < rows.length; i++) {
        var ok = (!k || rows[i].getAttribute("data-kind") === k)
          && (!s || (rows[i].getAttribute("data-subject") || "").indexOf(s) >= 0
                 || rows[i].textContent.indexOf(s) >= 0);
        rows[i].hidden = !ok;
        if (ok) shown++;
      }
      var out = section.querySelector(".shown");
      if (out) out.textContent = shown + " of " + rows.length + " rows";
    }
    kind.addEventListener("change", apply);
    subj.addEventListener("input", apply);
    apply();
  }

  function bindRows(section) {
    var table = section.querySelector("table.claims");
    if (!table) return;
    function go(row) {
      var target = document.getElementById(row.getAttribute("data-target"));
      if (!target) return;
      target.scrollIntoView({ block: "center", behavior: "smooth" });
      target.classList.remove("flash");
      void target.offsetWidth;
      target.classList.add("flash");
      target.focus({ preventScroll: true });
    }
    var rows = table.tBodies[0].rows;
    for (var i = 0; i < rows.length; i++) {
      rows[i].tabIndex = 0;
      rows[i].addEventListener("click", function (e) { go(e.currentTarget); });
      rows[i].addEventListener("keydown", function (e) {
        if (e.key === "Enter") go(e.currentTarget);
      });
    }
  }

  function start() {
    readData();
    bindMarks();
    var tables = document.querySelectorAll("table.sortable");
    for (var i = 0; i < tables.length; i++) bindSort(tables[i]);
    var sections = document.querySelectorAll("section.doc");
    for (var j = 0; j < sections.length; j++) { bindFilter(sections[j]); bindRows(sections[j]); }
    document.documentElement.setAttribute("data-ready", "1");
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
