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

  function move(step) {
    const list = cards();
    if (!list.length) return;
    const at = list.indexOf(current);
    const next = list[Math.min(list.length - 1, Math.max(0, at + step))];
    if (at + step >= list.length && $("#next-page")) {
      toast("Last pair on this page: press j again or follow “Next page”.");
    }
    select(next);
  }

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function renderHistory(card, rows) {
    const list = $("[data-role=history-list]", card);
    list.replaceChildren();
    for (const row of rows) {
      const item = el("li");
      const time = el("time", `${row.changed_at.slice(0, 16).replace("T", " ")} UTC`);
      time.dateTime = row.changed_at;
      item.append(time, " ", el("b", row.changed_by), `: ${row.old_status} → ${row.new_status}`);
      if (row.old_target !== row.new_target) {
        const diff = el("div", null, "diff");
        diff.append(el("del", row.old_target), " ", el("ins", row.new_target));
        item.append(diff);
      }
      if (row.note) item.append(el("div", row.note, "note-text"));
      list.append(item);
    }
    if (!rows.length) list.append(el("li", "no changes yet", "empty"));
    $("[data-role=history-count]", card).textContent = String(rows.length);
  }

  function render(card, pair) {
    card.dataset.version = pair.version;
    card.dataset.status = pair.status;
    card.className = card.className.replace(/\bstatus-\S+/, `status-${pair.status}`);
    $("[data-role=state]", card).textContent = pair.status;
    const target = $("[data-role=target]", card);
    // Keep the glossary highlights unless the words themselves changed.
    if (target.textContent !== (pair.target ?? "")) target.textContent = pair.target ?? "";
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
      say(card, `saved: ${data.status}, version ${data.version}`, "ok");
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

  const editing = (card) => !$("[data-role=editor]", card).hidden;

  function edit(card) {
    if (!card || !$("[data-role=editor]", card)) return;
    $("[data-role=editor]", card).hidden = false;
    $("[data-role=target]", card).hidden = true;
    const area = $("textarea", card);
    area.focus();
    area.setSelectionRange(area.value.length, area.value.length);
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
      if (!current && event.key !== "/") select(cards()[0]);
      action();
    });

    const wanted = location.hash && document.getElementById(location.hash.slice(1));
    select(wanted && wanted.matches("article.pair") ? wanted : cards()[0]);
  });
})();
