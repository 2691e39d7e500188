// Progressive enhancement only: every page works without this file.
// 1. "Copy link" buttons next to permalinks. 2. The quote wall's filters. 3. Search.
// 4. Filterable, paged lists (a theme's coded interviews), driven by data- attributes.
// 5. The interviews index's filters, sortable columns and count.
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

  // --- Filterable, paged lists -------------------------------------------------------------------
  // Markup (every part optional but the list; without this script the whole list shows):
  //   <ul id="L" data-filter-list data-page-size="25" data-noun="interviews"> items with data-<key> </ul>
  //   <form data-filter-for="L" hidden>: select[data-filter="<key>"] keeps items whose data-<key>
  //     equals its value; input[data-filter-words] keeps items holding every word typed.
  //   <nav data-pager-for="L" hidden>: [data-page="previous"], [data-page="next"], [data-page-status].
  function filterableLists() {
    document.querySelectorAll("[data-filter-list][id]").forEach(function (list) {
      var id = list.id;
      var form = document.querySelector('form[data-filter-for="' + id + '"]');
      var pager = document.querySelector('[data-pager-for="' + id + '"]');
      var items = Array.prototype.slice.call(list.children);
      var texts = items.map(function (item) { return item.textContent.replace(/\s+/g, " ").toLowerCase(); });
      var size = parseInt(list.getAttribute("data-page-size"), 10) || items.length || 1;
      var noun = list.getAttribute("data-noun") || "items";
      var previous = pager && pager.querySelector('[data-page="previous"]');
      var next = pager && pager.querySelector('[data-page="next"]');
      var statuses = document.querySelectorAll(
        '[data-pager-for="' + id + '"] [data-page-status], form[data-filter-for="' + id + '"] [data-page-status]'
      );
      var matched = items, page = 0, typing = null;

      function matches(index) {
        if (!form) return true;
        var item = items[index], ok = true;
        form.querySelectorAll("select[data-filter]").forEach(function (select) {
          if (select.value && item.getAttribute("data-" + select.getAttribute("data-filter")) !== select.value) ok = false;
        });
        var input = form.querySelector("input[data-filter-words]");
        var words = input ? input.value.toLowerCase().split(/\s+/).filter(Boolean) : [];
        return ok && words.every(function (w) { return texts[index].indexOf(w) !== -1; });
      }

      function status() {
        if (!matched.length) return "No " + noun + " match these filters.";
        var first = page * size + 1, last = Math.min(matched.length, (page + 1) * size);
        var of = matched.length === items.length ? "" : " (filtered from " + items.length + ")";
        return "Showing " + first + "–" + last + " of " + matched.length + " " + noun + of;
      }

      function show() {
        var pages = Math.max(1, Math.ceil(matched.length / size));
        page = Math.min(page, pages - 1);
        var from = page * size, to = from + size;
        items.forEach(function (item) { item.hidden = true; });
        matched.slice(from, to).forEach(function (item) { item.hidden = false; });
        var text = status();
        statuses.forEach(function (s) { s.textContent = text; });
        if (pager && previous && next) {
          pager.hidden = pages < 2;
          previous.disabled = page === 0;
          next.disabled = page >= pages - 1;
        }
        return text;
      }

      function filter() {
        matched = items.filter(function (_, i) { return matches(i); });
        page = 0;
        return show();
      }

      function turn(step, button) {
        page += step;
        var text = show();
        // A button that just became disabled would drop keyboard focus to the page's start.
        if (button.disabled) (button === next ? previous : next).focus();
        if (list.getBoundingClientRect().top < 0) (form || list).scrollIntoView({ block: "start" });
        announce(text);
      }

      if (form) {
        form.hidden = false;
        form.addEventListener("submit", function (event) { event.preventDefault(); });
        form.addEventListener("change", function (event) {
          // The words already filtered as they were typed; leaving the box changes nothing.
          if (!event.target.hasAttribute("data-filter-words")) announce(filter());
        });
        form.addEventListener("input", function (event) {
          if (!event.target.hasAttribute("data-filter-words")) return;
          var text = filter();
          // Announce once typing pauses, not at every key.
          window.clearTimeout(typing);
          typing = window.setTimeout(function () { announce(text); }, 600);
        });
        form.addEventListener("reset", function () { window.setTimeout(function () { announce(filter()); }, 0); });
      }
      if (pager && previous && next) {
        previous.addEventListener("click", function () { turn(-1, previous); });
        next.addEventListener("click", function () { turn(1, next); });
      }
      filter();
    });
  }

  // --- 5. The interviews index (interviews.html). The page holds every row, in id order; this adds the
  // filter form, sort buttons in the column headers, a count, and shows the matching rows a page at a
  // time. Laying out the table is what costs time (a sort of 1,125 visible rows took seconds in
  // Chromium, 10,000 rows tens of seconds), so at most `PAGE` more rows are shown at once, nothing is
  // re-rendered (rows are shown and hidden with `hidden`, and the rows shown are moved into order in
  // one append), and each row's values are read from the page once.
  function interviewsIndex() {
    var PAGE = 200;
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
    var folded = details ? Array.prototype.slice.call(details.querySelectorAll("select")) : [];
    function foldedSet() { return folded.filter(function (s) { return s.value; }).length; }
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
      return { tr: tr, index: index, shown: true, values: values, text: cell ? cell.textContent.toLowerCase() : "", keys: {} };
    });
    var order = rows.slice();  // the rows in the order the table shows them
    var reordered = false;  // set by a sort until the rows shown are in its order
    var limit = PAGE;

    // "Show more" under the table, outside its scrolling region so it stays in view.
    var pager = document.createElement("p");
    pager.className = "interviews-more";
    var showMore = document.createElement("button");
    var showAll = document.createElement("button");
    showMore.type = showAll.type = "button";
    pager.appendChild(showMore);
    pager.appendChild(document.createTextNode(" "));
    pager.appendChild(showAll);
    (table.closest(".table-wrap") || table).insertAdjacentElement("afterend", pager);

    function interviews(n) { return n === 1 ? "interview" : "interviews"; }

    var announceTimer = 0;
    // Shows the first `limit` matching rows in the current order; returns the first row shown that was not before.
    function update(announceCount) {
      var wanted = selects.filter(function (s) { return s.value; }).map(function (s) {
        var tokens = s.hasAttribute("data-tokens");
        return { name: s.name, value: tokens ? " " + s.value + " " : s.value, tokens: tokens };
      });
      var needle = text ? text.value.trim().toLowerCase() : "";
      var matches = 0, revealed = null, visible = [];
      order.forEach(function (row) {
        var match = !needle || row.text.indexOf(needle) !== -1;
        for (var i = 0; match && i < wanted.length; i++) {
          var have = row.values[wanted[i].name];
          match = wanted[i].tokens ? have.indexOf(wanted[i].value) !== -1 : have === wanted[i].value;
        }
        if (match) matches += 1;
        var show = match && matches <= limit;
        if (show) visible.push(row);
        if (show !== row.shown) {
          row.tr.hidden = !show;
          row.shown = show;
          if (show && !revealed) revealed = row;
        }
      });
      // Only the rows shown need to be in order: they are moved to the end of the table, in order, and
      // the hidden rows are left where they are (moving all 10,000 cost more than the sort).
      if (reordered || revealed) {
        var moved = document.createDocumentFragment();
        visible.forEach(function (row) { moved.appendChild(row.tr); });
        tbody.appendChild(moved);
        reordered = false;
      }
      var total = numbers.format(rows.length) + " " + interviews(rows.length);
      var message;
      if (matches <= limit) message = "Showing " + numbers.format(matches) + " of " + total;
      else if (matches === rows.length) message = "Showing " + numbers.format(limit) + " of " + total;
      else message = "Showing " + numbers.format(limit) + " of " + numbers.format(matches) + " matching " + interviews(matches) + " (" + total + " in all)";
      count.textContent = message;
      pager.hidden = matches <= limit;
      showMore.textContent = "Show " + numbers.format(Math.min(PAGE, matches - limit)) + " more";
      showAll.textContent = "Show all " + numbers.format(matches);
      if (chosen) chosen.textContent = foldedSet() ? " (" + foldedSet() + " chosen)" : "";
      // Said once the reader pauses, not after every keystroke.
      window.clearTimeout(announceTimer);
      if (announceCount) announceTimer = window.setTimeout(function () { announce(message); }, 400);
      return revealed;
    }

    // A new filter starts from the first page again; keystrokes within one frame filter once.
    var frame = 0;
    function schedule() {
      if (frame) return;
      frame = window.requestAnimationFrame(function () { frame = 0; limit = PAGE; update(true); });
    }

    function more(to) {
      limit = to;
      var first = update(true);
      // Keyboard and screen-reader users continue at the first row added.
      var link = first && first.tr.querySelector("a");
      if (link) link.focus();
    }
    showMore.addEventListener("click", function () { more(limit + PAGE); });
    showAll.addEventListener("click", function () { more(rows.length); });

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
      order = rows.slice().sort(function (a, b) {
        return sign * compare(key(a, column, kind), key(b, column, kind)) || a.index - b.index;
      });
      reordered = true;
      update(false);
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
    form.addEventListener("reset", function () { window.setTimeout(schedule, 0); });
    form.hidden = false;
    if (details && foldedSet()) details.open = true;
    // The browser may have kept the form's values from an earlier visit (back button): show what they select.
    update(false);
  }

  function search() {
    var target = document.getElementById("search");
    if (!target || typeof PagefindUI === "undefined") return;
    new PagefindUI({ element: "#search", showSubResults: true, showImages: false });
    // Pagefind names its box only by a placeholder, which goes once a reader types: the page's own label
    // names it for everyone, and is shown only now that there is a box to name.
    var input = target.querySelector("input");
    var label = document.querySelector("label[for='search-input']");
    if (input && label) {
      input.id = "search-input";
      label.hidden = false;
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    copyLinks();
    quoteWall();
    filterableLists();
    search();
    interviewsIndex();
  });
})();
