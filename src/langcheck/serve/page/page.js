"use strict";
// The paste-and-check page. User text only ever reaches the DOM through textContent and
// text nodes, never parsed as markup. Offsets from the service are Python str indices (code
// points); JavaScript strings count UTF-16 units, so they are converted before slicing.
(function () {
  const form = document.getElementById("check-form");
  const note = document.getElementById("note");
  const checkButton = document.getElementById("check");
  const clearButton = document.getElementById("clear");
  const statusEl = document.getElementById("status");
  const countsEl = document.getElementById("counts");
  const markedEl = document.getElementById("marked");
  const detailEl = document.getElementById("detail");
  const SEVERITY_ORDER = { error: 2, warning: 1, info: 0 };
  let rules = null; // id -> rule summary (message, why, suggestions)
  let checkedText = null;

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  async function loadRules() {
    if (rules) return rules;
    const response = await fetch("/v1/rules", { headers: { accept: "application/json" } });
    if (!response.ok) throw new Error("could not load the rules (" + response.status + ")");
    rules = {};
    for (const rule of await response.json()) rules[rule.id] = rule;
    return rules;
  }

  // UTF-16 index of every code point index, plus one past the end.
  function codeUnitOffsets(text) {
    const out = [];
    let unit = 0;
    for (const ch of text) { out.push(unit); unit += ch.length; }
    out.push(unit);
    return out;
  }

  // Overlapping findings share one highlight, so every character is shown once.
  function groupFindings(findings, offsets) {
    const sorted = findings.slice().sort((a, b) => a.start - b.start || b.end - a.end);
    const groups = [];
    for (const f of sorted) {
      const start = offsets[f.start], end = offsets[f.end];
      const last = groups[groups.length - 1];
      if (last && start < last.end) {
        last.end = Math.max(last.end, end);
        last.findings.push(f);
      } else {
        groups.push({ start: start, end: end, findings: [f] });
      }
    }
    return groups;
  }

  function worst(findings) {
    return findings.reduce((a, f) =>
      SEVERITY_ORDER[f.severity] > SEVERITY_ORDER[a] ? f.severity : a, "info");
  }

  function renderMarked(text, findings) {
    markedEl.replaceChildren();
    const groups = groupFindings(findings, codeUnitOffsets(text));
    let pos = 0;
    groups.forEach((group, i) => {
      if (group.start > pos) markedEl.append(document.createTextNode(text.slice(pos, group.start)));
      const words = text.slice(group.start, group.end);
      const button = el("button", "hl " + worst(group.findings), words);
      button.type = "button";
      button.dataset.group = String(i);
      button.setAttribute("aria-pressed", "false");
      const what = group.findings.map((f) => f.severity + ": " + f.message).join(" Also ");
      button.setAttribute("aria-label", "Flagged \u201c" + words + "\u201d. " + what);
      const show = () => showDetail(group, button);
      button.addEventListener("click", show);
      button.addEventListener("focus", show);
      markedEl.append(button);
      pos = group.end;
    });
    if (pos < text.length) markedEl.append(document.createTextNode(text.slice(pos)));
    return groups;
  }

  async function copyText(value) {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(value);
      return;
    }
    const area = el("textarea");
    area.value = value;
    area.setAttribute("readonly", "");
    area.className = "offscreen";
    document.body.append(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  }

  function showDetail(group, button) {
    for (const other of markedEl.querySelectorAll(".hl")) {
      other.setAttribute("aria-pressed", other === button ? "true" : "false");
    }
    detailEl.replaceChildren();
    for (const f of group.findings) {
      const rule = (rules && rules[f.rule]) || {};
      const box = el("article", "finding");
      const title = el("p", "flagged");
      title.append(el("span", "badge " + f.severity, f.severity), " \u201c" + f.text + "\u201d");
      box.append(title);
      box.append(el("p", "meta", f.rule + " \u00b7 " + f.category + " \u00b7 line " + f.line +
        ", column " + f.column));
      box.append(el("p", "message", f.message));
      if (rule.why) {
        box.append(el("h4", null, "Why it matters"));
        box.append(el("p", "why", rule.why));
      }
      if (f.suggestions.length) {
        box.append(el("h4", null, "Write instead"));
        const list = el("ul", "suggestions");
        for (const s of f.suggestions) {
          const item = el("li");
          item.append(el("span", "suggestion", s));
          const copy = el("button", "secondary copy", "Copy");
          copy.type = "button";
          copy.setAttribute("aria-label", "Copy \u201c" + s + "\u201d");
          copy.addEventListener("click", async () => {
            try {
              await copyText(s);
              copy.textContent = "Copied";
            } catch (err) {
              copy.textContent = "Copy failed";
            }
            setTimeout(() => { copy.textContent = "Copy"; }, 2000);
          });
          item.append(copy);
          list.append(item);
        }
        box.append(list);
      }
      detailEl.append(box);
    }
  }

  function renderCounts(findings) {
    countsEl.replaceChildren();
    const byCategory = new Map();
    for (const f of findings) byCategory.set(f.category, (byCategory.get(f.category) || 0) + 1);
    for (const [category, n] of [...byCategory].sort((a, b) => b[1] - a[1])) {
      const item = el("li");
      item.append(el("span", "n", String(n)), category);
      countsEl.append(item);
    }
  }

  function summary(findings, complete) {
    if (!findings.length) {
      return complete ? "No flagged wording found." :
        "The check ran out of time before it finished; nothing was found in the part checked.";
    }
    const bySeverity = { error: 0, warning: 0, info: 0 };
    for (const f of findings) bySeverity[f.severity] += 1;
    const parts = [];
    if (bySeverity.error) parts.push(plural(bySeverity.error, "error", "errors"));
    if (bySeverity.warning) parts.push(plural(bySeverity.warning, "warning", "warnings"));
    if (bySeverity.info) parts.push(plural(bySeverity.info, "note on quoted words",
      "notes on quoted words"));
    let text = plural(findings.length, "flagged phrase", "flagged phrases") + ": " +
      parts.join(", ") + ".";
    if (!complete) text += " The check ran out of time; these are the findings so far.";
    return text;
  }

  async function runCheck() {
    const text = note.value;
    if (!text.trim()) {
      statusEl.textContent = "Paste or type a note first.";
      note.focus();
      return;
    }
    checkButton.disabled = true;
    statusEl.textContent = "Checking\u2026";
    try {
      await loadRules().catch(() => null);
      const response = await fetch("/v1/check", {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ text: text }),
      });
      const data = await response.json().catch(() => ({}));
      if (!response.ok) throw new Error(data.detail || "the service answered " + response.status);
      checkedText = text;
      renderCounts(data.findings);
      const groups = renderMarked(text, data.findings);
      detailEl.replaceChildren(el("p", "hint", groups.length ? "Nothing selected." :
        "Nothing to explain."));
      statusEl.textContent = summary(data.findings, data.complete);
    } catch (err) {
      statusEl.textContent = "The check failed: " + err.message;
    } finally {
      checkButton.disabled = false;
    }
  }

  form.addEventListener("submit", (event) => { event.preventDefault(); runCheck(); });
  note.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      runCheck();
    }
  });
  note.addEventListener("input", () => {
    if (checkedText !== null && note.value !== checkedText &&
        !statusEl.textContent.endsWith("Check again.")) {
      statusEl.textContent += " The note has changed since; Check again.";
    }
  });
  clearButton.addEventListener("click", () => {
    note.value = "";
    checkedText = null;
    markedEl.replaceChildren();
    countsEl.replaceChildren();
    detailEl.replaceChildren(el("p", "hint", "Nothing selected."));
    statusEl.textContent = "No note checked yet.";
    note.focus();
  });
})();
