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
