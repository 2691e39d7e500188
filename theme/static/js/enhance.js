// Progressive enhancement only: every page works without this file.
// 1. "Copy link" buttons next to permalinks. 2. The quote wall's filters. 3. Search.
// 4. Filterable, paged lists (a theme's coded interviews), driven by data- attributes.
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

  function search() {
    var target = document.getElementById("search");
    if (!target || typeof PagefindUI === "undefined") return;
    new PagefindUI({ element: "#search", showSubResults: true, showImages: false });
  }

  document.addEventListener("DOMContentLoaded", function () {
    copyLinks();
    quoteWall();
    filterableLists();
    search();
  });
})();
