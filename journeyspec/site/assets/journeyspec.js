// Journeys index: filter the table by persona, owner, kind, status and tag.
// Progressive enhancement: without this script the pre-built "By …" views still work.
(function () {
  "use strict";
  var FACETS = ["persona", "owner", "kind", "status", "tag"];

  var COLUMN = { persona: 1, owner: 2 };

  function labelOf(rows, facet, value) {
    if (!(facet in COLUMN)) { return value; }
    for (var i = 0; i < rows.length; i += 1) {
      if (rows[i].dataset[facet] === value) { return rows[i].cells[COLUMN[facet]].textContent; }
    }
    return value;
  }

  function enhance(table) {
    if (table.dataset.jspReady) { return; }
    table.dataset.jspReady = "1";
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var form = document.createElement("form");
    form.className = "jsp-filter";
    form.setAttribute("role", "search");
    form.setAttribute("aria-label", "Filter journeys");
    var selects = {};
    FACETS.forEach(function (facet) {
      var values = {};
      rows.forEach(function (row) {
        (row.dataset[facet] || "").split(" ").forEach(function (v) { if (v) { values[v] = true; } });
      });
      var keys = Object.keys(values).sort();
      if (keys.length < 2) { return; }
      var label = document.createElement("label");
      label.textContent = facet.charAt(0).toUpperCase() + facet.slice(1) + " ";
      var select = document.createElement("select");
      select.name = facet;
      var any = document.createElement("option");
      any.value = "";
      any.textContent = "any";
      select.appendChild(any);
      keys.forEach(function (value) {
        var option = document.createElement("option");
        option.value = value;
        option.textContent = labelOf(rows, facet, value);
        select.appendChild(option);
      });
      select.addEventListener("change", apply);
      label.appendChild(select);
      form.appendChild(label);
      selects[facet] = select;
    });
    var count = document.createElement("output");
    count.className = "jsp-filter-count";
    count.setAttribute("aria-live", "polite");
    form.appendChild(count);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    table.parentNode.insertBefore(form, table);

    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var ok = Object.keys(selects).every(function (facet) {
          var wanted = selects[facet].value;
          return !wanted || (row.dataset[facet] || "").split(" ").indexOf(wanted) >= 0;
        });
        row.hidden = !ok;
        if (ok) { shown += 1; }
      });
      count.textContent = shown + " of " + rows.length + " journeys";
    }
    apply();
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("table[data-jsp-filter]"), enhance);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

// Journey grid: a compact/full switch (remembered; without this script the grid is compact)
// and keys to cross it: arrows move cell by cell, Home and End jump to the first and last
// step, so a keyboard never tabs through every cell.
(function () {
  "use strict";
  var KEY = "journeyspec.grid-mode";

  function stored() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }
  }

  function remember(mode) {
    try { window.localStorage.setItem(KEY, mode); } catch (e) { /* private mode */ }
  }

  function setMode(table, button, mode) {
    table.setAttribute("data-mode", mode);
    button.textContent = mode === "full" ? "Compact grid" : "Full grid";
    button.setAttribute("aria-pressed", mode === "full" ? "true" : "false");
  }

  function keys(table) {
    var rows = Array.prototype.slice.call(table.rows);
    var cells = rows.map(function (row) { return Array.prototype.slice.call(row.cells); });
    cells.forEach(function (row) {
      row.forEach(function (cell) { cell.tabIndex = -1; });
    });
    var body = table.tBodies[0];
    var first = body && body.rows.length && body.rows[0].cells[1];
    if (first) { first.tabIndex = 0; }
    table.addEventListener("keydown", function (event) {
      var cell = event.target.closest ? event.target.closest("td, th") : null;
      if (!cell || cell !== event.target) { return; }
      var r = rows.indexOf(cell.parentNode);
      var c = cells[r].indexOf(cell);
      var row = cells[r];
      var next = null;
      if (event.key === "ArrowRight") { next = row[c + 1]; }
      else if (event.key === "ArrowLeft") { next = row[c - 1]; }
      else if (event.key === "Home") { next = row[1]; }
      else if (event.key === "End") { next = row[row.length - 1]; }
      else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        var target = cells[r + (event.key === "ArrowDown" ? 1 : -1)];
        if (target) { next = target[Math.min(c, target.length - 1)]; }
      }
      if (!next) { return; }
      event.preventDefault();
      cell.tabIndex = -1;
      next.tabIndex = 0;
      next.focus();
    });
  }

  function enhance(table) {
    var tools = table.closest(".jsp-grid-scroll").previousElementSibling;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "jsp-mode";
    var mode = stored() || (window.innerWidth >= 1600 ? "full" : "compact");
    setMode(table, button, mode);
    button.addEventListener("click", function () {
      var now = table.getAttribute("data-mode") === "full" ? "compact" : "full";
      setMode(table, button, now);
      remember(now);
    });
    if (tools && tools.classList.contains("jsp-grid-tools")) { tools.insertBefore(button, tools.firstChild); }
    keys(table);
  }

  function start() {
    // Material's search dialog has no name (axe: aria-dialog-name).
    Array.prototype.forEach.call(document.querySelectorAll(".md-search[role=dialog]"), function (d) {
      if (!d.getAttribute("aria-label")) { d.setAttribute("aria-label", "Search"); }
    });
    Array.prototype.forEach.call(document.querySelectorAll("table[data-jsp-grid]"), enhance);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
