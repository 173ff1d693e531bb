// Link fixes on an aligned article's page: merge a pair with the next, split
// it between sentences, give a boundary sentence to the pair above or below,
// and undo a change. Calls the JSON API (service/api/beads.py) with the
// versions the page shows; after a fix the page is loaded again, so what it
// shows is what is stored. Text from the server goes in with textContent only.
"use strict";
(() => {
  const $ = (selector, root = document) => root.querySelector(selector);
  const FLASH = "wirealign.links.flash";
  const key = () => sessionStorage.getItem("wirealign.key");

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function toast(text) {
    const box = $("#toast");
    if (!box) return;
    box.textContent = text;
    box.classList.add("show");
    setTimeout(() => box.classList.remove("show"), 4000);
  }

  function say(card, text, kind = "") {
    const msg = $("[data-role=msg]", card);
    msg.textContent = text;
    msg.className = `msg ${kind}`;
  }

  const human = (card) => Boolean(card && $("[data-role=links]", card));
  const current = () => $("article.pair.current");
  function neighbour(card, step) {
    let other = step < 0 ? card.previousElementSibling : card.nextElementSibling;
    while (other && !other.matches("article.pair")) {
      other = step < 0 ? other.previousElementSibling : other.nextElementSibling;
    }
    return other;
  }
  const versions = (...cards) => Object.fromEntries(
    cards.map((card) => [card.dataset.id, Number(card.dataset.version)]));

  async function call(method, url, body, card) {
    const headers = { "Content-Type": "application/json" };
    if (key()) headers["X-API-Key"] = key();
    else if (method !== "GET") {
      toast("Enter your reviewer key first.");
      $("#key-input").focus();
      return null;
    }
    let response;
    try {
      response = await fetch(url, { method, headers, body: body ? JSON.stringify(body) : undefined });
    } catch (error) {
      if (card) say(card, `not saved: ${error}`, "error");
      return null;
    }
    let data = {};
    try { data = await response.json(); } catch { /* not JSON */ }
    if (response.ok) return data;
    const text = response.status === 409
      ? `Not saved: ${data.error} Reload the page to see them as they are now.`
      : `not saved: ${data.error || `HTTP ${response.status}`}`;
    if (card) say(card, text, response.status === 409 ? "conflict" : "error");
    else toast(text);
    return null;
  }

  function done(data, what) {
    // Load the page again at the first pair the fix left.
    const first = data.pairs && data.pairs[0];
    sessionStorage.setItem(FLASH, `${what} (link change ${data.change.id}).`);
    if (first) history.replaceState(null, "", `#pair-${first.id}`);
    location.reload();
  }

  async function merge(card) {
    const next = neighbour(card, 1);
    if (!human(next)) { say(card, "There is no aligned pair below to merge with.", "error"); return; }
    const data = await call("POST", `/api/pairs/${card.dataset.id}/merge`,
      { with: Number(next.dataset.id), versions: versions(card, next) }, card);
    if (data) done(data, `Merged #${card.dataset.id} and #${next.dataset.id}`);
  }

  async function move(card, side, direction) {
    const other = neighbour(card, direction === "up" ? -1 : 1);
    if (!human(other)) {
      say(card, `There is no aligned pair ${direction === "up" ? "above" : "below"}.`, "error");
      return;
    }
    const data = await call("POST", `/api/pairs/${card.dataset.id}/repair`,
      { side, direction, versions: versions(card, other) }, card);
    if (data) done(data, `Moved a ${side === "source" ? "English" : "target"} sentence ${direction}`);
  }

  function cutList(name, sentences, lang, chosen) {
    // Sentences with a "cut here" choice before each and after the last.
    const box = el("fieldset", null, `cuts cuts-${name}`);
    box.append(el("legend", name === "source_at" ? "English: cut before" : `${lang}: cut before`));
    for (let at = 0; at <= sentences.length; at += 1) {
      const label = el("label", null, "cut");
      const radio = el("input");
      radio.type = "radio";
      radio.name = name;
      radio.value = String(at);
      radio.checked = at === chosen;
      label.append(radio, at < sentences.length ? ` ✂ sentence ${at + 1}` : " ✂ (after the last)");
      box.append(label);
      if (at < sentences.length) box.append(el("p", sentences[at], "sentence"));
    }
    return box;
  }

  async function openSplit(card) {
    const box = $("[data-role=splitter]", card);
    const data = await call("GET", `/api/pairs/${card.dataset.id}/sentences`, null, card);
    if (!data) return;
    if (data.version !== Number(card.dataset.version)) {
      say(card, "This pair changed since the page was loaded: reload the page first.", "conflict");
      return;
    }
    box.replaceChildren(
      cutList("source_at", data.source, "en", Math.min(1, data.source.length)),
      cutList("target_at", data.target, data.lang, Math.min(1, data.target.length)));
    const row = el("div", null, "row");
    const go = el("button", "Split here");
    go.type = "button";
    go.dataset.split = "go";
    const back = el("button", "Close");
    back.type = "button";
    back.dataset.split = "close";
    row.append(go, back);
    box.append(row);
    box.hidden = false;
    $("input[name=source_at]:checked", box)?.focus();
  }

  async function split(card) {
    const box = $("[data-role=splitter]", card);
    const cut = (name) => Number($(`input[name=${name}]:checked`, box)?.value ?? -1);
    const data = await call("POST", `/api/pairs/${card.dataset.id}/split`, {
      source_at: cut("source_at"), target_at: cut("target_at"),
      version: Number(card.dataset.version),
    }, card);
    if (data) done(data, `Split #${card.dataset.id}`);
  }

  function closeSplit(card) {
    const box = $("[data-role=splitter]", card);
    box.hidden = true;
    box.replaceChildren();
    card.focus({ preventScroll: true });
  }

  function act(card, what) {
    if (!human(card)) return false;
    const actions = {
      merge: () => merge(card),
      split: () => openSplit(card),
      "target-up": () => move(card, "target", "up"),
      "target-down": () => move(card, "target", "down"),
      "source-up": () => move(card, "source", "up"),
      "source-down": () => move(card, "source", "down"),
    };
    if (!actions[what]) return false;
    actions[what]();
    return true;
  }

  async function showChanges() {
    const section = $("#link-changes");
    if (!section) return;
    const { article, lang } = section.dataset;
    const data = await call("GET", `/api/articles/${article}/link-changes?lang=${encodeURIComponent(lang)}`);
    if (!data) return;
    const list = $("[data-role=changes]", section);
    list.replaceChildren();
    for (const change of data.changes) {
      const item = el("li", null, "change");
      item.dataset.change = change.id;
      const time = el("time", `${change.changed_at.slice(0, 16).replace("T", " ")} UTC`);
      time.dateTime = change.changed_at;
      const was = change.before.map((p) => `#${p.id} ${p.bead || "?"}`).join(" + ");
      item.append(time, " ", el("b", change.changed_by), ` ${change.operation}`,
        change.undo_of ? ` of change ${change.undo_of}` : "", ` · was ${was}`);
      if (change.note) item.append(el("span", ` · ${change.note}`, "note-text"));
      if (change.undone_by) {
        item.append(el("span", ` · undone by change ${change.undone_by}`, "undone"));
      } else {
        const undo = el("button", "Undo");
        undo.type = "button";
        undo.dataset.undo = change.id;
        item.append(" ", undo);
      }
      list.append(item);
    }
    if (!data.changes.length) list.append(el("li", "none yet", "empty"));
  }

  document.addEventListener("DOMContentLoaded", () => {
    const flash = sessionStorage.getItem(FLASH);
    if (flash) { sessionStorage.removeItem(FLASH); toast(flash); }
    showChanges();
    const pairs = $("#pairs");
    if (pairs) {
      pairs.addEventListener("click", (event) => {
        const card = event.target.closest("article.pair");
        const button = event.target.closest("button");
        if (!card || !button) return;
        if (button.dataset.link) act(card, button.dataset.link);
        else if (button.dataset.split === "go") split(card);
        else if (button.dataset.split === "close") closeSplit(card);
      });
      pairs.addEventListener("keydown", (event) => {
        const box = event.target.closest("[data-role=splitter]");
        if (!box) return;
        const card = box.closest("article.pair");
        if (event.key === "Enter") { event.preventDefault(); split(card); }
        else if (event.key === "Escape") { event.preventDefault(); closeSplit(card); }
      });
    }
    $("#link-changes")?.addEventListener("click", async (event) => {
      const button = event.target.closest("button[data-undo]");
      if (!button) return;
      const data = await call("POST", `/api/link-changes/${button.dataset.undo}/undo`, {});
      if (data) done(data, `Undid change ${button.dataset.undo}`);
    });
    document.addEventListener("keydown", (event) => {
      if (event.target.closest && event.target.closest("input, textarea, select")) return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const keys = { m: "merge", s: "split", "[": "target-up", "]": "target-down",
                     "{": "source-up", "}": "source-down" };
      const what = keys[event.key];
      if (what && act(current(), what)) event.preventDefault();
    });
  });
})();
