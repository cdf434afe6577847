// PostStack dashboard: the little htmx does not do. No inline script anywhere (the pages' CSP).
(function () {
  "use strict";
  // every htmx request carries the pages' CSRF token (forms also send it as a field)
  document.addEventListener("htmx:configRequest", function (e) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta) {
      e.detail.headers["X-CSRF-Token"] = meta.content;
    }
  });

  // A password strength hint: length and variety, never sent anywhere.
  function hint(value) {
    if (!value) return "";
    var kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter(function (r) { return r.test(value); }).length;
    if (value.length < 8) return "Too short: use at least 8 characters.";
    if (value.length >= 16 || (value.length >= 12 && kinds >= 3)) return "Strong.";
    if (value.length >= 10 && kinds >= 2) return "Fair: longer is stronger.";
    return "Weak: use a longer passphrase or mix letters, digits and symbols.";
  }
  document.addEventListener("input", function (e) {
    var input = e.target;
    if (input.classList && input.classList.contains("strength")) {
      var out = document.getElementById(input.getAttribute("aria-describedby"));
      if (out) out.textContent = hint(input.value);
    }
  });

  // Copy buttons: the value is in data-copy.
  document.addEventListener("click", function (e) {
    var button = e.target.closest ? e.target.closest("button.copy") : null;
    if (!button || !navigator.clipboard) return;
    navigator.clipboard.writeText(button.getAttribute("data-copy")).then(function () {
      var before = button.textContent;
      button.textContent = "Copied";
      setTimeout(function () { button.textContent = before; }, 1500);
    });
  });
})();

// The invitation page: the token travels after # in the link (never sent to a server by the
// browser), and goes into the form only when the person submits it.
(function () {
  "use strict";
  var field = document.querySelector("input.from-fragment");
  if (field && location.hash.length > 1) {
    field.value = decodeURIComponent(location.hash.substring(1));
    history.replaceState(null, "", location.pathname); // off the address bar and history
  }
})();
