// Progressive enhancement only: every page works without this file.
// 1. "Copy link" buttons next to permalinks. 2. The quote wall's filters. 3. Search.
// 4. The interviews index's filters, sortable columns and count.
(function () {
  "use strict";

  function announce(message) {
    var status = document.getElementById("live-status");
    if (status) {
      status.textContent = "";
      window.setTimeout(function () { status.textContent = message; }, 50);
    }
  }

  function copyLinks() {
    if (!navigator.clipboard) return;
    document.querySelectorAll("a[data-copy-link]").forEach(function (link) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy-link";
      button.textContent = "Copy link";
      button.addEventListener("click", function () {
        var url = new URL(link.getAttribute("href"), window.location.href).href;
        navigator.clipboard.writeText(url).then(
          function () { button.textContent = "Link copied"; announce("Link copied: " + url); },
          function () { announce("Could not copy; use the link instead."); }
        );
      });
      link.insertAdjacentElement("afterend", button);
    });
  }

  function quoteWall() {
    var form = document.getElementById("quote-filters");
    if (!form) return;
    var quotes = Array.prototype.slice.call(document.querySelectorAll("[data-quote]"));
    var count = document.getElementById("quote-count");
    form.hidden = false;
    function apply() {
      var theme = form.elements.theme.value, split = form.elements.split.value, group = form.elements.group.value;
      var shown = 0;
      quotes.forEach(function (q) {
        var match = (!theme || q.dataset.theme === theme) && (!split || q.dataset.split === split) &&
          (!group || q.dataset.group === group);
        q.hidden = !match;
        if (match) shown += 1;
      });
      document.querySelectorAll("[data-quote-group]").forEach(function (g) {
        g.hidden = !g.querySelector("[data-quote]:not([hidden])");
      });
      count.textContent = shown + " of " + quotes.length + " quotes shown";
    }
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    apply();
  }

  // --- 4. The interviews index (interviews.html). The page holds every row already, in id order; this
  // adds the filter form, sort buttons in the column headers and a count. At 10,000 rows and more it must
  // stay quick, so nothing is re-rendered: filtering sets `hidden` on the rows whose state changes, a
  // sort moves the existing rows in one append, and each row's values are read from the page once.
  function interviewsIndex() {
    var form = document.getElementById("interview-filters");
    var table = document.getElementById("interviews-table");
    if (!form || !table || !table.tHead || !table.tBodies.length) return;
    var tbody = table.tBodies[0];
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var count = document.getElementById("interviews-count");
    var sortState = table.querySelector(".sort-state");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var text = form.elements.occupation;
    var textColumn = headers.findIndex(function (th) { return th.hasAttribute("data-filter-text"); });
    // The filters folded into <details>: a closed one says how many of them are set.
    var details = form.querySelector("details");
    var chosen = form.querySelector(".filters__chosen");
    var more = details ? Array.prototype.slice.call(details.querySelectorAll("select")) : [];
    function wantedMore() { return more.filter(function (s) { return s.value; }).length; }
    var numbers = new Intl.NumberFormat("en");
    var collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

    // A select marked data-tokens matches one of the row's space-separated slugs; any other, the whole value.
    var rows = Array.prototype.map.call(tbody.rows, function (tr, index) {
      var values = {};
      selects.forEach(function (select) {
        var value = tr.getAttribute("data-" + select.name) || "";
        values[select.name] = select.hasAttribute("data-tokens") ? " " + value + " " : value;
      });
      var cell = textColumn >= 0 ? tr.cells[textColumn] : null;
      return { tr: tr, index: index, shown: !tr.hidden, values: values, text: cell ? cell.textContent.toLowerCase() : "", keys: {} };
    });

    function interviews(n) { return n === 1 ? "interview" : "interviews"; }

    var announceTimer = 0;
    function filter(announceCount) {
      var wanted = selects.filter(function (s) { return s.value; }).map(function (s) {
        return { name: s.name, value: s.hasAttribute("data-tokens") ? " " + s.value + " " : s.value, tokens: s.hasAttribute("data-tokens") };
      });
      var needle = text ? text.value.trim().toLowerCase() : "";
      var shown = 0;
      rows.forEach(function (row) {
        var match = !needle || row.text.indexOf(needle) !== -1;
        for (var i = 0; match && i < wanted.length; i++) {
          var have = row.values[wanted[i].name];
          match = wanted[i].tokens ? have.indexOf(wanted[i].value) !== -1 : have === wanted[i].value;
        }
        if (match !== row.shown) { row.tr.hidden = !match; row.shown = match; }
        if (match) shown += 1;
      });
      if (chosen) chosen.textContent = more.length && wantedMore() ? " (" + wantedMore() + " chosen)" : "";
      var message = "Showing " + numbers.format(shown) + " of " + numbers.format(rows.length) + " " + interviews(rows.length);
      count.textContent = message;
      // Said once the reader pauses, not after every keystroke.
      window.clearTimeout(announceTimer);
      if (announceCount) announceTimer = window.setTimeout(function () { announce(message); }, 400);
    }

    // Keystrokes within one frame filter once.
    var frame = 0;
    function schedule() {
      if (frame) return;
      frame = window.requestAnimationFrame(function () { frame = 0; filter(true); });
    }

    function key(row, column, kind) {
      if (!(column in row.keys)) {
        var cell = row.tr.cells[column];
        var given = cell.getAttribute("data-sort");
        row.keys[column] = kind === "index" ? row.index
          : kind === "number" ? Number(given !== null ? given : cell.textContent)
          : cell.textContent.trim();
      }
      return row.keys[column];
    }

    var sorted = { column: headers.findIndex(function (th) { return th.hasAttribute("aria-sort"); }), direction: "ascending" };
    function sortBy(column, kind, direction) {
      var sign = direction === "ascending" ? 1 : -1;
      var compare = kind === "text" ? collator.compare : function (a, b) { return a - b; };
      // Equal keys keep id order whichever the direction, so a sort always gives the same table.
      var order = rows.slice().sort(function (a, b) {
        return sign * compare(key(a, column, kind), key(b, column, kind)) || a.index - b.index;
      });
      var moved = document.createDocumentFragment();
      order.forEach(function (row) { moved.appendChild(row.tr); });
      tbody.appendChild(moved);
      headers.forEach(function (th) { th.removeAttribute("aria-sort"); });
      headers[column].setAttribute("aria-sort", direction);
      sorted = { column: column, direction: direction };
      var said = "Sorted by " + headers[column].textContent.trim() + ", " + direction + ".";
      if (sortState) sortState.textContent = said;
      announce(said);
    }

    headers.forEach(function (th, column) {
      var kind = th.getAttribute("data-sort");
      if (!kind) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var again = sorted.column === column && sorted.direction === "ascending";
        sortBy(column, kind, again ? "descending" : "ascending");
      });
    });

    form.addEventListener("input", schedule);
    form.addEventListener("change", schedule);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () { window.setTimeout(function () { filter(true); }, 0); });
    form.hidden = false;
    if (details && wantedMore()) details.open = true;
    // The browser may have kept the form's values from an earlier visit (back button): show what they select.
    filter(false);
  }

  function search() {
    var target = document.getElementById("search");
    if (!target || typeof PagefindUI === "undefined") return;
    new PagefindUI({ element: "#search", showSubResults: true, showImages: false });
  }

  document.addEventListener("DOMContentLoaded", function () {
    copyLinks();
    quoteWall();
    search();
    interviewsIndex();
  });
})();
