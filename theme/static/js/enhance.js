// Progressive enhancement only: every page works without this file.
// 1. "Copy link" buttons next to permalinks. 2. The quote wall's filters. 3. Search.
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
    search();
  });
})();
