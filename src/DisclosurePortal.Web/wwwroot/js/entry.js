// Entry form habits: live totals, spreadsheet-style keyboard moves, pasting a block from Excel/WPS,
// and a warning before leaving with unsaved changes. The page works without this script: the server derives
// the same totals and shows the same messages.
(function () {
  "use strict";
  var form = document.getElementById("report-form");
  if (!form) return;
  var inputs = Array.prototype.slice.call(form.querySelectorAll("input[data-cell]"));
  var byCell = {};
  inputs.forEach(function (i) { byCell[i.dataset.cell] = i; });
  var outputs = Array.prototype.slice.call(form.querySelectorAll("output[data-sum]"));

  function value(key) {
    var el = byCell[key];
    if (el) {
      var t = (el.value || "").replace(/[\uFF10-\uFF19]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xFEE0); })
        .replace(/[,，\s]/g, "");
      return t === "" ? null : (/^\d+(\.\d+)?$/.test(t) ? Number(t) : NaN);
    }
    var out = form.querySelector('output[data-cell="' + key + '"]');
    return out ? computed[key] : null;
  }
  var computed = {};
  function recompute() {
    // Derived rows first, then derived columns, as on the server (TotalDeriver).
    [0, 1].forEach(function () {
      outputs.forEach(function (o) {
        var parts = o.dataset.sum.split(" "), sum = 0, any = false, bad = false;
        parts.forEach(function (p) { var v = value(p); if (v === null || v === undefined) return; any = true; if (isNaN(v)) bad = true; else sum += v; });
        computed[o.dataset.cell] = any && !bad ? sum : null;
        var text = any ? (bad ? "?" : String(Math.round(sum * 10000) / 10000)) : "";
        if (o.textContent !== text) { o.textContent = text; markEdited(o); }
      });
    });
  }

  // Saving a draft in place: the button marked data-inline posts the same fields with fetch, and the server answers
  // with only the status block (notice, summary, explanation fields) and each cell's message, so the clerk keeps
  // focus, scroll position and an unchanged form, and the server does not render the whole form again. Anything
  // else in answer (the sign-in page of an expired session, a refused token, an error page) is left to the
  // browser: the same post is sent again the ordinary way and its page is shown, as without the script.
  var saving = false, ordinary = false;
  form.addEventListener("submit", function (e) {
    var button = e.submitter;
    if (ordinary || !button || !button.hasAttribute("data-inline") || !window.fetch || !window.URLSearchParams) return;
    // Accepting computed totals changes cells the in-place answer does not redraw: the whole page is posted.
    if (form.elements["acceptTotals"] && form.elements["acceptTotals"].checked) return;
    e.preventDefault();
    if (saving) return;
    saving = true;
    var sent = edits;
    var buttons = form.querySelectorAll("button[type=submit]");
    Array.prototype.forEach.call(buttons, function (b) { b.disabled = true; });
    button.setAttribute("aria-busy", "true");
    var done = function () {
      saving = false;
      Array.prototype.forEach.call(buttons, function (b) { b.disabled = false; });
      button.removeAttribute("aria-busy");
    };
    fetch(button.formAction, {
      method: "POST", credentials: "same-origin",
      headers: { "X-Entry-Save": "inline" },
      body: new URLSearchParams(new FormData(form))
    }).then(function (r) {
      if (!r.ok || r.headers.get("X-Entry-Save") !== "inline") return null;
      return r.text();
    }, function () {
      done();
      announce("网络连接中断，本次未保存；您填写的内容仍在页面上，也已存在本浏览器中。请稍后再保存。", true);
      return undefined;
    }).then(function (html) {
      if (html === undefined) return;
      done();
      if (html === null) { ordinary = true; form.requestSubmit(button); return; }
      var saved = showStatus(html);
      if (saved && edits === sent) {
        dirty = false;
        try { localStorage.removeItem(storeKey); } catch (err) { /* storage off */ }
      }
    });
  });

  // Puts the server's status block in place and each message at its cell; returns whether the draft was saved.
  function showStatus(html) {
    var t = document.createElement("template");
    t.innerHTML = html;
    var fresh = t.content.getElementById("entry-status");
    var old = document.getElementById("entry-status");
    if (!fresh || !old) return false;
    old.parentNode.replaceChild(fresh, old);
    form.querySelector("input[name=version]").value = fresh.getAttribute("data-version");
    var lastSaved = document.getElementById("last-saved");
    if (lastSaved) lastSaved.textContent = fresh.getAttribute("data-saved");
    var messages = JSON.parse(fresh.getAttribute("data-messages") || "{}");
    form.querySelectorAll("[data-cell][id], .prose-field textarea[id]").forEach(function (el) {
      placeMessage(el, messages[el.id] || null);
    });
    announce(fresh.getAttribute("data-announce"), false);
    return !!fresh.querySelector(".callout.ok");
  }

  function placeMessage(el, message) {
    var box = el.closest("td");
    var id = el.id + "-msg";
    var span = document.getElementById(id);
    var described = (el.getAttribute("aria-describedby") || "").split(" ").filter(function (x) { return x && x !== id; });
    if (message) {
      if (!span) {
        span = document.createElement("span");
        span.className = "cell-msg";
        span.id = id;
        el.insertAdjacentElement("afterend", span);
      }
      span.textContent = message;
      described.unshift(id);
    } else if (span) {
      span.remove();
    }
    if (box) { box.classList.toggle("invalid", !!message); box.classList.remove("edited"); }
    if (el.tagName !== "OUTPUT") el.setAttribute("aria-invalid", message ? "true" : "false");
    if (described.length) el.setAttribute("aria-describedby", described.join(" "));
    else el.removeAttribute("aria-describedby");
  }

  function announce(text, problem) {
    var live = document.getElementById("save-live");
    if (live) live.textContent = text || "";
    if (problem) {
      var status = document.getElementById("entry-status");
      var note = document.createElement("div");
      note.className = "callout error";
      note.setAttribute("role", "alert");
      note.textContent = text;
      status.insertBefore(note, status.firstChild);
    }
  }

  var dirty = false, edits = 0;
  form.addEventListener("input", function (e) { dirty = true; edits++; markEdited(e.target); recompute(); });
  // The messages at a cell come from the last save; once the clerk changes the cell they may no longer hold,
  // so the cell is marked (the CSS fades its message) until the next save checks again.
  function markEdited(el) {
    var td = el && el.closest ? el.closest("td") : null;
    if (td && td.querySelector(".cell-msg")) td.classList.add("edited");
  }
  // A draft saved in place (below) has not left the page: it is only clean once the server has answered.
  form.addEventListener("submit", function (e) { if (!e.defaultPrevented) dirty = false; });
  window.addEventListener("beforeunload", function (e) { if (dirty) { e.preventDefault(); e.returnValue = ""; } });

  // Grid navigation: rows of inputs in document order within each table.
  function grid(input) {
    var table = input.closest("table");
    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr")).map(function (tr) {
      return Array.prototype.slice.call(tr.querySelectorAll("input[data-cell], output[data-cell]"));
    });
    for (var r = 0; r < rows.length; r++) { var c = rows[r].indexOf(input); if (c >= 0) return { rows: rows, r: r, c: c }; }
    return null;
  }
  function isInput(el) { return el.tagName === "INPUT"; }
  function focusAt(g, r, c) {
    if (r < 0 || r >= g.rows.length) return;
    var row = g.rows[r]; c = Math.max(0, Math.min(c, row.length - 1));
    var el = row[c];
    if (el && el.tagName === "INPUT") { el.focus(); el.select(); }
  }
  inputs.forEach(function (input) {
    input.addEventListener("keydown", function (e) {
      var g = grid(input); if (!g) return;
      if (e.key === "Enter") { e.preventDefault(); focusAt(g, g.r + (e.shiftKey ? -1 : 1), g.c); }
      else if (e.key === "ArrowDown") { e.preventDefault(); focusAt(g, g.r + 1, g.c); }
      else if (e.key === "ArrowUp") { e.preventDefault(); focusAt(g, g.r - 1, g.c); }
      else if (e.key === "ArrowRight" && input.selectionStart === input.value.length) { e.preventDefault(); focusAt(g, g.r, g.c + 1); }
      else if (e.key === "ArrowLeft" && input.selectionStart === 0) { e.preventDefault(); focusAt(g, g.r, g.c - 1); }
    });
    // A block copied from Excel or WPS arrives as tab- and newline-separated text: fill from the focused cell.
    // A sheet of the figures the clerk enters has no lines for the computed 总计 rows (（七）总计) and columns; a
    // sheet laid out like the form has them. So computed rows (and cells) are skipped when the block has exactly
    // as many lines (values) as there are editable rows (cells) from the focused one on, and take their place
    // in the block otherwise; without this, a 24-line block of 表三 would drop its last line (四) on （七）总计.
    input.addEventListener("paste", function (e) {
      var text = (e.clipboardData || window.clipboardData).getData("text");
      if (!/[\t\n]/.test(text)) return;
      e.preventDefault();
      var g = grid(input); if (!g) return;
      var lines = text.replace(/\r/g, "").replace(/\n$/, "").split("\n");
      var rows = g.rows.slice(g.r);
      var editableRows = rows.filter(function (row) { return row.some(isInput); });
      if (lines.length === editableRows.length) rows = editableRows;
      lines.forEach(function (line, dr) {
        var row = rows[dr]; if (!row) return;
        var cells = row.slice(g.c), values = line.split("\t");
        var editable = cells.filter(isInput);
        if (values.length === editable.length) cells = editable;
        values.forEach(function (v, dc) {
          var el = cells[dc];
          if (el && isInput(el) && !el.disabled) { el.value = v.trim(); markEdited(el); }
        });
      });
      dirty = true; recompute();
    });
  });
  recompute();

  // A copy of the typing in the browser: a session that expires while the clerk types sends the save to the
  // sign-in page, and the entries would be gone. After signing in, the form offers the copy back.
  var storeKey = "dp-entry:" + (form.dataset.report || location.pathname);
  function fields() {
    return Array.prototype.slice.call(form.querySelectorAll("input[name], textarea[name]"))
      .filter(function (el) { return el.name !== "__RequestVerificationToken" && el.name !== "version" && !el.disabled; });
  }
  function snapshot() {
    var values = {};
    fields().forEach(function (el) { values[el.name] = el.value; });
    return values;
  }
  function differs(values) {
    return fields().some(function (el) { return Object.prototype.hasOwnProperty.call(values, el.name) && values[el.name] !== el.value; });
  }
  // The portal shows every time in Beijing time as YYYY-MM-DD HH:MM (Domain/BeijingTime), whatever the
  // browser's own time zone: UTC+8 has no daylight saving, so shifting by eight hours is exact.
  function beijingTime(ms) {
    var t = new Date(ms + 8 * 3600 * 1000);
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return t.getUTCFullYear() + "-" + two(t.getUTCMonth() + 1) + "-" + two(t.getUTCDate()) + " " +
      two(t.getUTCHours()) + ":" + two(t.getUTCMinutes());
  }
  var saved = null;
  try { saved = JSON.parse(localStorage.getItem(storeKey) || "null"); } catch (e) { saved = null; }
  if (saved && saved.values && differs(saved.values)) {
    var banner = document.createElement("div");
    banner.className = "callout warn";
    banner.id = "restore-banner";
    banner.setAttribute("role", "alert");
    banner.innerHTML = "本页面有 <strong></strong> 在本浏览器中填写但未保存的内容（可能因登录超时未能保存）。" +
      " <button type=\"button\" id=\"restore-yes\">恢复这些内容</button> <button type=\"button\" id=\"restore-no\">放弃</button>";
    banner.querySelector("strong").textContent = beijingTime(saved.at);
    form.insertBefore(banner, form.firstChild);
    banner.querySelector("#restore-yes").addEventListener("click", function () {
      fields().forEach(function (el) { if (Object.prototype.hasOwnProperty.call(saved.values, el.name)) el.value = saved.values[el.name]; });
      banner.remove(); dirty = true; recompute();
    });
    banner.querySelector("#restore-no").addEventListener("click", function () { localStorage.removeItem(storeKey); banner.remove(); });
  } else {
    // What the server shows already holds the copy (or there is none): nothing to offer.
    localStorage.removeItem(storeKey);
  }
  var timer = null;
  form.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      try { localStorage.setItem(storeKey, JSON.stringify({ at: Date.now(), values: snapshot() })); } catch (e) { /* storage full or off */ }
    }, 300);
  });
  form.addEventListener("submit", function () {
    clearTimeout(timer);
    try { localStorage.setItem(storeKey, JSON.stringify({ at: Date.now(), values: snapshot() })); } catch (e) { /* ignore */ }
  });
})();
