// The portal's upload forms: a file over the scan limit (R-MAT-1..5: 10 MB) is refused here, next to its field,
// before the browser sends it. The server says the same for a browser without this script (UploadLimitFilter,
// the form's own check), but a file much larger than the servlet drops (20 MB) would reset the connection
// there. Inputs carry data-max-bytes and data-too-large (the text, in the page's language).
(function () {
  "use strict";
  document.querySelectorAll("input[type=file][data-max-bytes]").forEach(function (input) {
    input.form.addEventListener("submit", function (event) {
      var file = input.files && input.files[0];
      if (!file || file.size <= Number(input.dataset.maxBytes)) { return; }
      event.preventDefault();
      var id = input.id + "-error";
      var error = document.getElementById(id);
      if (!error) {
        error = document.createElement("p");
        error.className = "field-error";
        error.id = id;
        error.setAttribute("role", "alert");
        input.parentNode.appendChild(error);
      }
      error.textContent = input.dataset.tooLarge;
      input.parentNode.classList.add("has-error");
      input.setAttribute("aria-invalid", "true");
      var described = (input.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      if (described.indexOf(id) < 0) { described.push(id); }
      input.setAttribute("aria-describedby", described.join(" "));
      input.focus();
    });
  });
})();
