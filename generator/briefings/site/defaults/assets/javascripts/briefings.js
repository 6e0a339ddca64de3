/* Briefings: evidence tooltips, sortable tables (the actors index), column labels for
 * the tables that become stacked cards on phones, the accessible name of Material's
 * search dialog, and search results that always carry the searched words.
 * No dependencies, nothing fetched.
 *
 * A table inside `.brf-sortable` gets a button in each column heading; pressing it
 * sorts the rows by that column (numbers as numbers), pressing again reverses.
 * Material's instant navigation swaps pages without reloading scripts, so the
 * tables are set up on every page change through its `document$` observable.
 */
(function () {
  "use strict";

  function cellValue(row, column) {
    var cell = row.cells[column];
    var text = cell ? cell.textContent.trim() : "";
    var number = Number(text.replace(/[^\d.-]/g, ""));
    return text !== "" && /^[\d.,\s-]+$/.test(text) && !isNaN(number) ? number : text.toLowerCase();
  }

  function compare(a, b) {
    if (typeof a === "number" && typeof b === "number") return a - b;
    return String(a).localeCompare(String(b));
  }

  function sortBy(table, column, header) {
    var body = table.tBodies[0];
    if (!body) return;
    var current = header.getAttribute("aria-sort");
    // First press: numbers largest first, names A to Z; every further press reverses.
    var descending = current ? current === "ascending" : header.classList.contains("brf-num");
    var rows = Array.prototype.slice.call(body.rows).map(function (row, index) {
      return { row: row, key: cellValue(row, column), index: index };
    });
    rows.sort(function (x, y) {
      var order = compare(x.key, y.key);
      if (descending) order = -order;
      return order || x.index - y.index;
    });
    rows.forEach(function (item) { body.appendChild(item.row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      th.removeAttribute("aria-sort");
    });
    header.setAttribute("aria-sort", descending ? "descending" : "ascending");
  }

  function setUp(table) {
    if (!table.tHead || table.dataset.brfSortable) return;
    table.dataset.brfSortable = "1";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
      var body = table.tBodies[0];
      var first = body && body.rows[0] ? cellValue(body.rows[0], column) : "";
      if (typeof first === "number") th.classList.add("brf-num");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "brf-sort";
      button.title = "Sort by " + th.textContent.trim().toLowerCase();
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, column, th); });
    });
    // The generator orders rows by the first numeric column (briefings), largest first.
    var sorted = table.tHead.querySelector("th.brf-num");
    if (sorted) sorted.setAttribute("aria-sort", "descending");
  }

  // Material's search overlay is a dialog without a name; screen readers announce it
  // by the name of its search field instead.
  function nameSearchDialog() {
    var dialog = document.querySelector(".md-search[role='dialog']");
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search");
  }

  // On a narrow screen a `.brf-stack` table shows each row as a card; every cell
  // carries its column's heading so the card can label it (CSS `attr(data-label)`).
  function labelCells(table) {
    if (!table.tHead) return;
    var labels = Array.prototype.map.call(table.tHead.rows[0].cells, function (th) {
      return th.textContent.trim();
    });
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        Array.prototype.forEach.call(row.cells, function (cell, column) {
          if (labels[column]) cell.setAttribute("data-label", labels[column]);
        });
      });
    });
  }

  // Evidence tooltips (`.brf-evs > .brf-pop`): CSS shows them on hover and focus; this
  // places the open one under its chips inside the screen, opens it on a first tap
  // (a second tap follows the link) and closes it on Escape, a tap elsewhere or scroll.
  var lastPointer = "mouse";

  function place(group) {
    var pop = group.querySelector(".brf-pop");
    if (!pop) return;
    var anchor = group.getBoundingClientRect();
    var width = document.documentElement.clientWidth;
    var margin = 8;
    pop.style.left = "0px";
    pop.style.top = "0px";
    var box = pop.getBoundingClientRect();
    var left = Math.min(anchor.left, width - box.width - margin);
    var top = anchor.bottom;
    if (top + box.height > window.innerHeight - margin && anchor.top - box.height > margin)
      top = anchor.top - box.height;
    pop.style.left = Math.max(margin, left) + "px";
    pop.style.top = top + "px";
  }

  function closeAll(except) {
    document.querySelectorAll(".brf-evs.brf-open").forEach(function (group) {
      if (group !== except) group.classList.remove("brf-open");
    });
  }

  function setUpEvidence(group) {
    if (group.dataset.brfEvidence) return;
    group.dataset.brfEvidence = "1";
    var show = function () {
      group.classList.remove("brf-dismissed");
      place(group);
    };
    group.addEventListener("mouseenter", show);
    group.addEventListener("focusin", show);
    group.addEventListener("mouseleave", function () { group.classList.remove("brf-dismissed"); });
    group.addEventListener("click", function (event) {
      var link = event.target.closest("a.brf-ev");
      if (!link || lastPointer === "mouse" || group.classList.contains("brf-open")) return;
      event.preventDefault();
      closeAll(group);
      group.classList.add("brf-open");
      show();
    });
  }

  document.addEventListener("pointerdown", function (event) {
    lastPointer = event.pointerType || "mouse";
    if (!event.target.closest || !event.target.closest(".brf-evs")) closeAll(null);
  }, true);
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll(".brf-evs:hover, .brf-evs:focus-within, .brf-evs.brf-open")
      .forEach(function (group) {
        group.classList.remove("brf-open");
        group.classList.add("brf-dismissed");
      });
  });
  window.addEventListener("scroll", function () {
    document.querySelectorAll(".brf-evs.brf-open, .brf-evs:hover, .brf-evs:focus-within")
      .forEach(place);
  }, { passive: true });

  // Material lists a page above its matching sections even when the page's own entry
  // did not match; that link carries an empty `?h=`, so the page it opens highlights
  // nothing. Such links get the words typed into the search field.
  function fillHighlights(list, input) {
    var words = input.value.trim();
    if (!words) return;
    list.querySelectorAll("a.md-search-result__link").forEach(function (link) {
      var url = new URL(link.href, document.baseURI);
      if (url.searchParams.has("h") && !url.searchParams.get("h").trim()) {
        url.searchParams.set("h", words);
        link.href = url.href;
      }
    });
  }

  function watchSearchResults() {
    var list = document.querySelector(".md-search-result__list");
    var input = document.querySelector("input.md-search__input");
    if (!list || !input || list.dataset.brfWatched) return;
    list.dataset.brfWatched = "1";
    new MutationObserver(function () { fillHighlights(list, input); })
      .observe(list, { childList: true, subtree: true });
  }

  function init() {
    nameSearchDialog();
    watchSearchResults();
    document.querySelectorAll(".brf-evs").forEach(setUpEvidence);
    document.querySelectorAll(".brf-stack table").forEach(labelCells);
    document.querySelectorAll(".brf-sortable table").forEach(setUp);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
