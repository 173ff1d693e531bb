// Review pages: keyboard, edit in place, and PATCH calls to the JSON API.
// Data from the server is only ever put in the page with textContent (never
// innerHTML), so article text cannot become markup.
"use strict";
(() => {
  const STORE = "wirealign.key";
  const $ = (selector, root = document) => root.querySelector(selector);
  const cards = () => Array.from(document.querySelectorAll("article.pair"));
  let current = null;

  const getKey = () => sessionStorage.getItem(STORE);

  function setKey(key) {
    sessionStorage.setItem(STORE, key);
    // Pages are read with a session cookie when the server needs keys for reads.
    document.cookie = `wa_key=${encodeURIComponent(key)}; path=/review; SameSite=Strict`;
    showWho();
  }

  function forgetKey() {
    sessionStorage.removeItem(STORE);
    document.cookie = "wa_key=; path=/review; max-age=0; SameSite=Strict";
    showWho();
  }

  function showWho() {
    const key = getKey();
    $("#login").hidden = Boolean(key);
    $("#who").hidden = !key;
    $("#who-key").textContent = key ? `…${key.slice(-4)}` : "";
  }

  function askKey(refused = false) {
    forgetKey();
    toast(refused ? "Your key was refused (unknown or revoked): enter a valid key."
                  : "Enter your reviewer key first.");
    $("#key-input").focus();
  }

  async function checkKey(key) {
    // Ask the server whose key this is before keeping it.
    try {
      const response = await fetch("/api/keys/me", { headers: { "X-API-Key": key } });
      return response.ok ? await response.json() : null;
    } catch {
      return null;
    }
  }

  let toastTimer = null;
  function toast(text) {
    const box = $("#toast");
    box.textContent = text;
    box.classList.add("show");
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => box.classList.remove("show"), 4000);
  }

  function say(card, text, kind = "") {
    const msg = $("[data-role=msg]", card);
    msg.textContent = text;
    msg.className = `msg ${kind}`;
  }

  function select(card, focus = true) {
    if (!card) return;
    if (current) current.classList.remove("current");
    current = card;
    card.classList.add("current");
    if (focus) card.focus({ preventScroll: true });
    card.scrollIntoView({ block: "nearest", behavior: "instant" });
  }

  // Only cards with something to decide take part in j/k (source-only pairs,
  // kept in English, are skipped: a and r would do nothing there).
  const actionable = () => cards().filter((card) => !card.classList.contains("inert"));

  function move(step) {
    const list = actionable();
    if (!list.length) return;
    let at = list.indexOf(current);
    if (at < 0) {  // on an inert card (a click or a link): continue from its place
      const all = cards();
      const here = all.indexOf(current);
      at = step > 0 ? list.findIndex((c) => all.indexOf(c) > here) - 1
                    : list.findIndex((c) => all.indexOf(c) > here);
      if (at < -1) at = step > 0 ? list.length - 1 : list.length;
    }
    const target = at + step;
    if (target >= list.length) {
      toast($("#next-page") ? "Last pair on this page: follow “Next page →”."
                            : "Last pair you can act on.");
    }
    select(list[Math.min(list.length - 1, Math.max(0, target))]);
  }

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  // The target's glossary terms as the server cuts them (service/review/render.py):
  // the stored span while the text there is still the rendering, else the
  // rendering's first occurrence; overlapping terms keep the first.
  function termSpan(term, text, side) {
    const valid = (span) => Array.isArray(span) && span.length === 2 &&
      Number.isInteger(span[0]) && Number.isInteger(span[1]) &&
      span[0] >= 0 && span[0] < span[1] && span[1] <= text.length;
    if (side === "source") return valid(term.source_span) ? term.source_span : null;
    const rendering = term.rendering;
    if (valid(term.target_span) &&
        (!rendering || text.slice(term.target_span[0], term.target_span[1]) === rendering)) {
      return term.target_span;
    }
    if (typeof rendering === "string" && rendering && text.includes(rendering)) {
      const start = text.indexOf(rendering);
      return [start, start + rendering.length];
    }
    return null;
  }

  function renderTerms(node, text, terms, side) {
    node.replaceChildren();
    const spans = [];
    for (const term of Array.isArray(terms) ? terms : []) {
      if (!term || typeof term !== "object") continue;
      const span = termSpan(term, text, side);
      if (span) spans.push([span, term]);
    }
    spans.sort((x, y) => x[0][0] - y[0][0]);
    let at = 0;
    for (const [[start, end], term] of spans) {
      if (start < at) continue;
      if (start > at) node.append(text.slice(at, start));
      const mark = el("mark", text.slice(start, end), `term ${term.enforced ? "enforced" : "missed"}`);
      const title = [`glossary: ${term.entry_id || "?"}`];
      if (term.rendering) title.push(`rendering: ${term.rendering}`);
      if ("enforced" in term) title.push(term.enforced ? "enforced" : "NOT enforced");
      mark.title = title.join("; ");
      node.append(mark);
      at = end;
    }
    if (at < text.length) node.append(text.slice(at));
  }

  // Word-level differences (the server's history uses the same cut).
  const TOKENS = /\s+|[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]/gu;
  function wordDiff(oldText, newText) {
    const a = (oldText || "").match(TOKENS) || [];
    const b = (newText || "").match(TOKENS) || [];
    const n = a.length, m = b.length;
    const table = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        table[i][j] = a[i] === b[j] ? table[i + 1][j + 1] + 1
                                    : Math.max(table[i + 1][j], table[i][j + 1]);
      }
    }
    const pieces = [];
    const add = (op, text) => {
      const last = pieces[pieces.length - 1];
      if (last && last.op === op) last.text += text; else pieces.push({ op, text });
    };
    let i = 0, j = 0;
    while (i < n && j < m) {
      if (a[i] === b[j]) { add("same", a[i]); i++; j++; }
      else if (table[i + 1][j] >= table[i][j + 1]) { add("old", a[i]); i++; }
      else { add("new", b[j]); j++; }
    }
    while (i < n) add("old", a[i++]);
    while (j < m) add("new", b[j++]);
    return pieces;
  }

  function diffNode(oldText, newText, lang) {
    const box = el("div", null, "diff");
    if (lang) box.lang = lang;
    for (const piece of wordDiff(oldText, newText)) {
      box.append(el(piece.op === "old" ? "del" : piece.op === "new" ? "ins" : "span", piece.text));
    }
    return box;
  }

  function renderHistory(card, rows) {
    const list = $("[data-role=history-list]", card);
    list.replaceChildren();
    for (const row of rows) {
      const item = el("li");
      const time = el("time", `${row.changed_at.slice(0, 16).replace("T", " ")} UTC`);
      time.dateTime = row.changed_at;
      item.append(time, " ", el("b", row.changed_by), `: ${row.old_state ?? row.old_status} → ${row.new_state ?? row.new_status}`);
      if (row.old_target !== row.new_target) {
        item.append(diffNode(row.old_target, row.new_target, card.dataset.lang));
      }
      if (row.note) item.append(el("div", row.note, "note-text"));
      list.append(item);
    }
    if (!rows.length) list.append(el("li", "no changes yet", "empty"));
    $("[data-role=history-count]", card).textContent = String(rows.length);
  }

  function render(card, pair) {
    card.dataset.version = pair.version;
    const state = pair.state ?? pair.status;
    card.dataset.status = state;
    card.className = card.className.replace(/\bstatus-\S+/, `status-${state}`);
    $("[data-role=state]", card).textContent = pair.state ?? pair.status;
    const target = $("[data-role=target]", card);
    // Glossary highlights are drawn again on the saved words: the pair's own
    // terms, or (human pairs) the ones the page found when it was made.
    let terms = pair.terms;
    if (!terms || !terms.length) {
      try { terms = JSON.parse(card.dataset.terms || "[]"); } catch { terms = []; }
    }
    if (pair.target === null || pair.target === undefined) target.textContent = "";
    else renderTerms(target, pair.target, terms, "target");
    card.classList.remove("just-saved");
    void card.offsetWidth;  // restart the highlight animation
    card.classList.add("just-saved");
    // A draft being typed is kept (after a conflict the reviewer redoes it on the new version).
    if (!editing(card)) $("textarea", card).value = pair.target ?? "";
    renderHistory(card, pair.history || []);
  }

  async function send(card, body) {
    const key = getKey();
    if (!key) { askKey(); return false; }
    say(card, "saving…");
    let response;
    try {
      response = await fetch(`/api/pairs/${card.dataset.id}`, {
        method: "PATCH",
        headers: { "Content-Type": "application/json", "X-API-Key": key },
        body: JSON.stringify({ ...body, version: Number(card.dataset.version) }),
      });
    } catch (error) {
      say(card, `not saved: ${error}`, "error");
      return false;
    }
    let data = {};
    try { data = await response.json(); } catch { /* an empty or non-JSON body */ }
    if (response.ok) {
      delete card.dataset.conflictDraft;
      delete card.dataset.confirmed;
      render(card, data);
      say(card, `saved: ${data.state ?? data.status}, version ${data.version}`, "ok");
      return true;
    }
    if (response.status === 409 && data.current) {
      // The draft was written on an older version: saving it unchanged must be
      // confirmed, so a second Ctrl+Enter never silently replaces their change.
      if (editing(card)) card.dataset.conflictDraft = $("textarea", card).value;
      else delete card.dataset.conflictDraft;  // no draft: what is shown now is what counts
      delete card.dataset.confirmed;
      render(card, data.current);
      $("[data-role=target]", card).hidden = false;  // their version beside the draft
      say(card, `Not saved: ${data.current.updated_by || "someone"} changed this pair at ` +
        `${data.current.updated_at}. Their version is shown now; redo your change on it.`, "conflict");
      $("[data-role=history]", card).open = true;
      return false;
    }
    if (response.status === 401) askKey(true);
    say(card, `not saved: ${data.error || `HTTP ${response.status}`}`, "error");
    return false;
  }

  const editing = (card) => Boolean($("[data-role=editor]", card)) &&
    !$("[data-role=editor]", card).hidden;

  function edit(card) {
    if (!card || !$("[data-role=editor]", card)) return;
    $("[data-role=editor]", card).hidden = false;
    $("[data-role=target]", card).hidden = true;
    const area = $("textarea", card);
    area.focus();
    area.setSelectionRange(area.value.length, area.value.length);
    loadSuggestions(card);
  }

  // Fuzzy memory: approved pairs whose source is like this one's, with the
  // words that differ; Alt+1..3 (or the button) puts one in the editor.
  async function loadSuggestions(card) {
    const box = $("[data-role=suggestions]", card);
    if (!box || card.dataset.suggestionsLoaded) return;
    card.dataset.suggestionsLoaded = "1";
    const headers = getKey() ? { "X-API-Key": getKey() } : {};
    let data;
    try {
      const response = await fetch(`/api/pairs/${card.dataset.id}/suggestions`, { headers });
      if (!response.ok) return;
      data = await response.json();
    } catch {
      return;
    }
    const list = $("[data-role=suggestion-list]", card);
    list.replaceChildren();
    (data.suggestions || []).forEach((suggestion, index) => {
      const item = el("li", null, "suggestion");
      item.dataset.target = suggestion.target;
      const head = el("div", null, "suggestion-head");
      head.append(el("span", `${Math.round(suggestion.score)}%`, "score"), " ");
      const use = el("button", null, "use");
      use.type = "button";
      use.dataset.index = String(index);
      use.append("Insert ", el("kbd", `Alt+${index + 1}`));
      head.append(use);
      const source = el("div", null, "suggestion-source");
      source.lang = "en";
      for (const piece of suggestion.source_diff || []) {
        // Words of the remembered source that this source lacks, and the reverse.
        source.append(el(piece.op === "old" ? "del" : piece.op === "new" ? "ins" : "span",
                         piece.text));
      }
      const target = el("div", suggestion.target, "suggestion-target");
      target.lang = card.dataset.lang;
      item.append(head, source, target);
      list.append(item);
    });
    box.hidden = !list.children.length;
  }

  function insertSuggestion(card, index) {
    const item = card && card.querySelectorAll("[data-role=suggestion-list] li")[index];
    if (!item || !editing(card)) return false;
    const area = $("textarea", card);
    area.value = item.dataset.target;
    area.focus();
    say(card, `memory suggestion ${index + 1} inserted: check it, then save`, "ok");
    return true;
  }

  function closeEditor(card, restore) {
    const area = $("textarea", card);
    if (restore) area.value = card.dataset.status === "source_only" ? "" : $("[data-role=target]", card).textContent;
    $("[data-role=editor]", card).hidden = true;
    $("[data-role=target]", card).hidden = false;
    card.focus({ preventScroll: true });
  }

  function pending(card) {
    // The edit a reviewer typed but has not saved, if any.
    if (!editing(card)) return {};
    const body = {};
    const text = $("textarea", card).value;
    if (text !== $("[data-role=target]", card).textContent) body.target = text;
    const note = $("input.note", card).value.trim();
    if (note) body.note = note;
    return body;
  }

  function confirmedAfterConflict(card) {
    // True unless the reviewer is about to save, unchanged, a draft that lost
    // a conflict; the first such attempt only warns.
    if (card.dataset.conflictDraft === undefined || card.dataset.confirmed) return true;
    if (!editing(card) || $("textarea", card).value !== card.dataset.conflictDraft) return true;
    card.dataset.confirmed = "1";
    say(card, "Your draft was written on the older version. Press the same key again to " +
      "replace the newer version with it, or change the draft first.", "conflict");
    return false;
  }

  async function save(card) {
    if (!confirmedAfterConflict(card)) return;
    const body = pending(card);
    if (!Object.keys(body).length) { closeEditor(card, true); return; }
    if (await send(card, body)) {
      $("input.note", card).value = "";
      closeEditor(card, false);
    }
  }

  async function decide(card, state) {
    if (!card || !$(".actions", card)) return;
    if (!confirmedAfterConflict(card)) return;
    const body = { ...pending(card), state };
    if (await send(card, body)) {
      if (editing(card)) closeEditor(card, false);
      $("input.note", card).value = "";
      move(1);
    }
  }

  function toggleHistory(card) {
    const details = $("[data-role=history]", card);
    details.open = !details.open;
  }

  document.addEventListener("DOMContentLoaded", () => {
    showWho();
    $("#login").addEventListener("submit", (event) => {
      event.preventDefault();
      const key = $("#key-input").value.trim();
      if (!key) return;
      checkKey(key).then((who) => {
        if (!who) { toast("That key is unknown or revoked."); return; }
        $("#key-input").value = "";
        setKey(key);
        // Messages about a refused key no longer apply.
        document.querySelectorAll("[data-role=msg].error").forEach((msg) => {
          msg.textContent = "";
          msg.className = "msg";
        });
        toast(`Signed in as ${who.name} (${who.role}); the key is kept until this tab closes.`);
        if ($("#need-key")) location.reload();
      });
    });
    $("#logout").addEventListener("click", () => { forgetKey(); toast("Key forgotten."); });

    const pairs = $("#pairs");
    if (pairs) {
      pairs.addEventListener("click", (event) => {
        const card = event.target.closest("article.pair");
        if (!card) return;
        if (card !== current) select(card, !event.target.closest("input, textarea, button, a"));
        const button = event.target.closest("button");
        if (!button) return;
        if (button.dataset.action === "approve") decide(card, "approved");
        else if (button.dataset.action === "reject") decide(card, "rejected");
        else if (button.dataset.action === "edit") edit(card);
        else if (button.classList.contains("cancel")) closeEditor(card, true);
        else if (button.classList.contains("use")) insertSuggestion(card, Number(button.dataset.index));
      });
      pairs.addEventListener("submit", (event) => {
        event.preventDefault();
        const card = event.target.closest("article.pair");
        if (card) save(card);
      });
    }

    document.addEventListener("keydown", (event) => {
      const field = event.target.closest && event.target.closest("input, textarea, select");
      if (field) {
        const card = field.closest("article.pair");
        if (card && event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          save(card);
        } else if (card && event.altKey && /^Digit[1-3]$/.test(event.code)) {
          if (insertSuggestion(card, Number(event.code.slice(5)) - 1)) event.preventDefault();
        } else if (event.key === "Escape") {
          event.preventDefault();
          if (card) closeEditor(card, true); else field.blur();
        }
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const actions = {
        j: () => move(1),
        k: () => move(-1),
        a: () => decide(current, "approved"),
        r: () => decide(current, "rejected"),
        e: () => edit(current),
        h: () => current && toggleHistory(current),
        "/": () => $("#q") && $("#q").focus(),
      };
      const action = actions[event.key];
      if (!action) return;
      if (!cards().length && event.key !== "/") return;  // a page without pairs
      event.preventDefault();
      if (!current && event.key !== "/") select(actionable()[0]);
      action();
    });

    // On a phone the filters start folded: the pairs come first.
    const fold = $("#filters-fold");
    if (fold && window.matchMedia("(max-width: 700px)").matches) fold.open = false;

    const wanted = location.hash && document.getElementById(location.hash.slice(1));
    if (wanted && wanted.matches("article.pair")) select(wanted);
    else if (actionable()[0]) select(actionable()[0]);
  });
})();
