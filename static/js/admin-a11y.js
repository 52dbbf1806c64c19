// Names for the admin's own widgets that axe-core finds unnamed; Django builds them in its scripts and templates.
(function () {
  "use strict";
  function nameWidgets(root) {
    // SelectFilter2's filter icon: a span may carry aria-label only with a role.
    root.querySelectorAll("span.help-tooltip[aria-label]:not([role])").forEach(function (span) {
      span.setAttribute("role", "img");
    });
    // The change list's search box: its label holds only an icon.
    var search = root.querySelector("#searchbar:not([aria-label])");
    var icon = document.querySelector('label[for="searchbar"] img[alt]');
    if (search && icon) search.setAttribute("aria-label", icon.getAttribute("alt"));
    // Split date/time inputs are introduced by a bare text ("Date:", "Time:") and the field's label.
    root.querySelectorAll("p.datetime input[id]:not([aria-label])").forEach(function (input) {
      if (document.querySelector('label[for="' + input.id + '"]')) return;
      var text = input.previousSibling;
      while (text && text.nodeType !== Node.TEXT_NODE) text = text.previousSibling;
      var row = input.closest(".form-row, .fieldBox, div");
      var label = row && row.querySelector("label");
      var parts = [label ? label.textContent.replace(/:\s*$/, "") : "", text ? text.textContent.trim().replace(/:$/, "") : ""];
      input.setAttribute("aria-label", parts.filter(Boolean).join(" – "));
    });
    // Tabular inlines: a cell's input (and the delete box) is named by its column's header.
    root.querySelectorAll(".tabular tbody td :is(input, select, textarea):not([type=hidden]):not([aria-label])").forEach(function (input) {
      if (input.id && document.querySelector('label[for="' + input.id + '"]')) return;
      var cell = input.closest("td");
      var table = input.closest("table");
      var header = table && table.tHead && table.tHead.rows[0].cells[cell.cellIndex];
      var text = header && header.textContent.trim();
      if (text) input.setAttribute("aria-label", text);
    });
  }
  function run() { nameWidgets(document); }
  document.addEventListener("DOMContentLoaded", run);
  window.addEventListener("load", function () { setTimeout(run, 0); });
  new MutationObserver(function () { nameWidgets(document); }).observe(document.documentElement, { childList: true, subtree: true });
})();
