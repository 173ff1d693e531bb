// Candidates page: accept (with the other language's rendering and a kind) or
// dismiss a glossary candidate through the JSON API with the reviewer's key.
// Server data is only put in the page with textContent, never innerHTML.
"use strict";
(() => {
  const STORE = "wirealign.key";  // the key review.js keeps for this tab

  function say(card, text, kind = "") {
    const msg = card.querySelector("[data-role=msg]");
    msg.textContent = text;
    msg.className = `msg ${kind}`;
  }

  function settle(card, state, text) {
    card.querySelector("[data-role=state]").textContent = state;
    card.classList.add(`state-${state}`);
    card.querySelectorAll("button, input, select").forEach((el) => { el.disabled = true; });
    say(card, text, "ok");
  }

  async function send(card, action) {
    const key = sessionStorage.getItem(STORE);
    if (!key) {
      say(card, "Enter your reviewer key first (top right).", "error");
      document.getElementById("key-input").focus();
      return;
    }
    const init = { method: "POST", headers: { "X-API-Key": key } };
    if (action === "accept") {
      const other = card.querySelector("input[name=other]");
      const body = { kind: card.querySelector("select[name=kind]").value };
      body[other.dataset.lang] = other.value.trim();
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    say(card, "Sending…");
    let response;
    try {
      response = await fetch(`/api/glossary/candidates/${card.dataset.id}/${action}`, init);
    } catch {
      say(card, "The server did not answer; nothing was changed.", "error");
      return;
    }
    const data = await response.json().catch(() => ({}));
    if (!response.ok) {
      say(card, data.error || `refused (${response.status})`, "error");
      return;
    }
    if (action === "dismiss") settle(card, "dismissed", "Dismissed.");
    else if (data.applied) settle(card, "accepted", `Added to the glossary as ${data.change.entry_id}.`);
    else settle(card, "accepted", `Proposed as ${data.proposal.entry_id} (proposal ${data.proposal.id}): an admin approves it; it would alter ${data.proposal.affected_pairs} stored pair(s).`);
  }

  document.addEventListener("DOMContentLoaded", () => {
    const list = document.getElementById("candidates");
    if (!list) return;
    list.addEventListener("submit", (event) => {
      event.preventDefault();
      const card = event.target.closest("article.candidate");
      if (card) send(card, "accept");
    });
    list.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-action=dismiss]");
      const card = button && button.closest("article.candidate");
      if (card) send(card, "dismiss");
    });
  });
})();
