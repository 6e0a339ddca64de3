/* Briefings: the header's Pagefind search. The search button, "/" or "s" opens a modal
 * dialog holding Pagefind's Default UI; Escape, the close button or a click outside the
 * dialog closes it, and so does following a result (Material's instant navigation then
 * loads the page while the header and this dialog stay).
 *
 * The index and the UI come from the site's own pagefind/ folder, found from the page's
 * relative root (`data-base`), so nothing is fetched from elsewhere and the site works
 * under any sub-path. "Newest first" sorts the results by the briefings' dates.
 */
(function () {
  "use strict";

  var dialog = document.querySelector("dialog[data-brf-search]");
  if (!dialog || typeof window.PagefindUI !== "function") return;
  var opener = document.querySelector(".brf-search-open");
  var newest = dialog.querySelector(".brf-search__newest");
  // The site root relative to this page ("..", "."), or absolute on the 404 page ("/").
  var base = dialog.getAttribute("data-base") || ".";
  var root = new URL(base.endsWith("/") ? base : base + "/", location.href);
  var ui = null;

  function input() {
    return dialog.querySelector(".pagefind-ui__search-input");
  }

  function build() {
    var term = ui && input() ? input().value : "";
    if (ui) ui.destroy();
    ui = new window.PagefindUI({
      element: "#brf-search-ui",
      bundlePath: new URL("pagefind/", root).pathname,
      baseUrl: root.pathname,
      showSubResults: false,
      showImages: false,
      resetStyles: false,
      excerptLength: 24,
      sort: newest && newest.checked ? { date: "desc" } : null,
      translations: { placeholder: "Search briefings, actors and stories" },
    });
    if (term) ui.triggerSearch(term);
    // Pagefind's form cancels its own submit; its javascript: action is not needed.
    var form = dialog.querySelector("form.pagefind-ui__form");
    if (form) form.removeAttribute("action");
    var box = input();
    if (box) box.setAttribute("aria-label", "Search");
  }

  function open() {
    if (!ui) build();
    if (!dialog.open) dialog.showModal();
    var box = input();
    if (box) {
      box.focus();
      box.select();
    }
  }

  if (opener) opener.addEventListener("click", open);
  dialog.querySelector(".brf-search__close").addEventListener("click", function () {
    dialog.close();
  });
  if (newest) {
    newest.addEventListener("change", function () {
      build();
      var box = input();
      if (box) box.focus();
    });
  }
  dialog.addEventListener("click", function (event) {
    // A click on the backdrop lands on the dialog itself; a click on a result follows it.
    if (event.target === dialog || event.target.closest("a[href]")) dialog.close();
  });
  dialog.addEventListener("close", function () {
    if (opener) opener.focus();
  });
  document.addEventListener("keydown", function (event) {
    if (dialog.open || event.ctrlKey || event.metaKey || event.altKey) return;
    // Not while typing: in a text field the keys are text (a radio or checkbox is no field).
    var target = event.target;
    var typing =
      target &&
      (target.isContentEditable ||
        /^(textarea|select)$/i.test(target.tagName) ||
        (/^input$/i.test(target.tagName) &&
          !/^(checkbox|radio|button|submit|reset|range|color|file)$/i.test(target.type)));
    if (!typing && (event.key === "/" || event.key === "s")) {
      event.preventDefault();
      open();
    }
  });
})();
