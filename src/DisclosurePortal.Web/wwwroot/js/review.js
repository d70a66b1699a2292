// Review view: clicking a figure cell, a prose part or a rule message puts a comment row for that place into the
// return form (the rows' choice lists work without JavaScript too), and decision buttons submit once only.
(function () {
  "use strict";
  var form = document.getElementById("return-form");
  var rows = document.getElementById("comment-rows");

  function rowFor(anchor) {
    var all = rows.querySelectorAll(".comment-row");
    for (var i = 0; i < all.length; i++) {
      if (all[i].querySelector("select").value === anchor) return all[i];
    }
    for (var j = 0; j < all.length; j++) {
      var r = all[j];
      if (!r.querySelector("select").value && !r.querySelector("textarea").value.trim()) return r;
    }
    var copy = all[all.length - 1].cloneNode(true);
    var index = all.length;
    copy.querySelector("select").name = "Comments[" + index + "].Anchor";
    copy.querySelector("textarea").name = "Comments[" + index + "].Text";
    copy.querySelector("select").value = "";
    copy.querySelector("textarea").value = "";
    rows.appendChild(copy);
    return copy;
  }

  if (form && rows) {
    document.querySelectorAll("[data-anchor]").forEach(function (el) {
      el.classList.add("annotatable");
      el.setAttribute("title", "点击添加批注");
      el.addEventListener("click", function (e) {
        if (e.target.closest("a, button, textarea, select, input")) return;
        var anchor = el.getAttribute("data-anchor");
        var row = rowFor(anchor);
        row.querySelector("select").value = anchor;
        el.classList.add("commented");
        var text = row.querySelector("textarea");
        text.scrollIntoView({ block: "center" });
        text.focus();
      });
    });
  }

  // A double click on 发布 must not post twice; the server refuses a second decision anyway (stale version).
  document.querySelectorAll("form.decision").forEach(function (f) {
    f.addEventListener("submit", function () {
      var b = f.querySelector("button[type=submit]");
      if (b) setTimeout(function () { b.disabled = true; }, 0);
    });
  });
})();
