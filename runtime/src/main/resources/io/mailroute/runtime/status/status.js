// The mailroute status page: reads /api every few seconds and renders plain tables.
// Values are always set as text (never as HTML), so mail data cannot inject markup.
"use strict";

const REFRESH_MS = 3000;
let tokenRequired = false;
let outboxShown = false;

function cell(row, value, className) {
  const td = row.insertCell();
  td.textContent = value === null || value === undefined ? "" : String(value);
  if (className) td.className = className;
  return td;
}

function fill(tableId, items, render, emptyText) {
  const body = document.querySelector("#" + tableId + " tbody");
  body.replaceChildren();
  if (items.length === 0) {
    const row = body.insertRow();
    row.className = "empty";
    const td = cell(row, emptyText);
    td.colSpan = document.querySelectorAll("#" + tableId + " thead th").length;
    return;
  }
  items.forEach(item => render(body.insertRow(), item));
}

function say(text, ok) {
  const message = document.getElementById("message");
  message.textContent = text;
  message.className = ok ? "ok" : "error";
}

async function getJson(path) {
  const response = await fetch(path, {headers: {"Accept": "application/json"}});
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

function perMinute(value) {
  return value.toFixed(value < 10 ? 1 : 0);
}

async function post(path) {
  const headers = {"Accept": "application/json"};
  const token = document.getElementById("token").value.trim();
  if (token) headers["Authorization"] = "Bearer " + token;
  const response = await fetch(path, {method: "POST", headers: headers});
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

function actionButton(row, label, path, mailId) {
  const td = row.insertCell();
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = label;
  button.dataset.mailId = mailId;
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      const done = await post(path);
      say("Re-published " + done.mailId + " to the pipeline as attempt " + done.attempt + " (from " + done.from + ")", true);
    } catch (e) {
      say(label + " " + mailId + " failed: " + e.message, false);
      button.disabled = false;
    }
  });
  td.appendChild(button);
}

function encoded(mailId) {
  return encodeURIComponent(mailId);
}

async function refreshInfo() {
  const info = await getJson("/api/info");
  const state = document.getElementById("state");
  state.textContent = info.state;
  state.className = "badge " + info.state;
  tokenRequired = info.tokenRequired;
  document.getElementById("token-box").hidden = !tokenRequired;
  outboxShown = info.outbox;
  document.getElementById("outbox-section").hidden = !outboxShown;
  if (info.laneWatcher !== "RUNNING") say("Lane counts are stale: " + info.laneWatcher, false);
}

async function refreshLanes() {
  const lanes = await getJson("/api/lanes");
  fill("lanes", lanes.lanes, (row, lane) => {
    row.dataset.lane = lane.lane;
    cell(row, lane.lane);
    cell(row, lane.topic);
    cell(row, lane.count, "num count");
    cell(row, perMinute(lane.perMinuteLast1m), "num");
    cell(row, perMinute(lane.perMinuteLast5m), "num");
  }, "no lanes");
  fill("rules", lanes.rules, (row, rule) => {
    row.dataset.rule = rule.ruleId;
    cell(row, rule.lane);
    cell(row, rule.ruleId);
    cell(row, rule.count, "num count");
  }, "no lane records yet");
}

async function refreshRecent() {
  fill("recent", await getJson("/api/recent"), (row, mail) => {
    row.dataset.mailId = mail.mailId;
    cell(row, mail.mailId);
    cell(row, mail.lane);
    cell(row, mail.ruleId);
    cell(row, mail.category);
    cell(row, mail.ownerId);
    cell(row, mail.subject);
    cell(row, mail.outcome, "outcome outcome-" + mail.outcome);
  }, "no mail on the lanes yet");
}

async function refreshDlq() {
  fill("dlq", await getJson("/api/dlq"), (row, letter) => {
    row.dataset.mailId = letter.mailId;
    cell(row, letter.mailId);
    cell(row, letter.stage);
    cell(row, letter.errorClass + ": " + letter.message);
    cell(row, letter.attempt, "num");
    cell(row, letter.failedAt);
    actionButton(row, "Retry", "/api/dlq/" + encoded(letter.mailId) + "/retry", letter.mailId);
  }, "no dead letters");
}

async function refreshRetry() {
  fill("retry", await getJson("/api/retry"), (row, waiting) => {
    row.dataset.mailId = waiting.mailId;
    cell(row, waiting.mailId);
    cell(row, waiting.reason);
    cell(row, waiting.attempt + " / " + waiting.maxAttempts, "num");
    cell(row, waiting.nextAttemptAt);
    cell(row, waiting.lastError);
    actionButton(row, "Release", "/api/retry/" + encoded(waiting.mailId) + "/release", waiting.mailId);
  }, "no mail waiting");
}

async function refreshAlerts() {
  fill("alerts", await getJson("/api/alerts"), (row, alert) => {
    row.dataset.alertKey = alert.alertKey;
    cell(row, alert.level, "level-" + alert.level);
    cell(row, alert.type);
    cell(row, alert.scope);
    cell(row, alert.message);
    cell(row, alert.count, "num");
    cell(row, alert.raisedAt);
  }, "no alerts");
}

async function refreshOutbox() {
  if (!outboxShown) return;
  fill("outbox", await getJson("/api/outbox"), (row, mail) => {
    row.dataset.mailId = mail.mailId || "";
    cell(row, mail.receivedAt);
    cell(row, mail.mailId);
    cell(row, mail.from);
    cell(row, mail.to.join(", "));
    cell(row, mail.subject);
    cell(row, mail.messageId);
  }, "no mail captured");
}

async function loadTopology() {
  const topology = await getJson("/api/topology");
  document.getElementById("topology-mermaid").textContent = topology.mermaid;
  document.getElementById("topology-text").textContent = topology.text;
}

function showDeliveries(deliveries) {
  document.getElementById("lookup-deliveries").hidden = false;
  fill("lookup-deliveries", deliveries, (row, delivery) => {
    row.dataset.channel = delivery.channel;
    row.dataset.ownerId = delivery.ownerId || "";
    cell(row, delivery.channel);
    cell(row, delivery.ownerId);
    cell(row, delivery.outcome, "outcome outcome-" + delivery.outcome);
    cell(row, delivery.recipients.join(", "));
    cell(row, delivery.detail);
    cell(row, delivery.attempt, "num");
    cell(row, delivery.at);
  }, "no deliveries recorded");
}

async function lookup(event) {
  event.preventDefault();
  const id = document.getElementById("lookup-id").value.trim();
  const result = document.getElementById("lookup-result");
  try {
    const status = await getJson("/api/status/" + encoded(id));
    showDeliveries(status.deliveries || []);
    result.textContent = JSON.stringify(status, null, 2);
  } catch (e) {
    document.getElementById("lookup-deliveries").hidden = true;
    result.textContent = e.message;
  }
}

async function refresh() {
  const parts = [refreshInfo, refreshLanes, refreshRecent, refreshDlq, refreshRetry, refreshAlerts];
  const results = await Promise.allSettled(parts.map(part => part()));
  results.push(...await Promise.allSettled([refreshOutbox()]));
  const failed = results.filter(r => r.status === "rejected");
  document.body.dataset.loaded = "true";
  if (failed.length > 0) say("Refresh failed: " + failed[0].reason.message, false);
}

document.getElementById("lookup").addEventListener("submit", lookup);
loadTopology().catch(e => say("Topology: " + e.message, false));
refresh();
setInterval(refresh, REFRESH_MS);
