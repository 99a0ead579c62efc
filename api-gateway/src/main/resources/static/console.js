// The image-service console: talks only to the public v1 API with the user's key. The key is kept
// in this script's memory only (no Web Storage, no cookie), so nothing else on this origin can read
// it back and it is gone when the page is reloaded or closed.
(() => {
  "use strict";
  let key = null;
  const $ = (id) => document.getElementById(id);
  let nextCursor = null;

  const apiKey = () => key;

  async function api(path, options = {}) {
    const headers = Object.assign({ Authorization: "Bearer " + apiKey() }, options.headers || {});
    const response = await fetch(path, Object.assign({}, options, { headers }));
    const body = response.headers.get("Content-Type")?.includes("json") ? await response.json() : null;
    if (!response.ok) {
      const problem = body || {};
      const error = new Error(problem.detail || response.statusText);
      error.code = problem.code || String(response.status);
      throw error;
    }
    return body;
  }

  function formatBytes(bytes) {
    if (bytes < 1024) return bytes + " B";
    if (bytes < 1024 * 1024) return (bytes / 1024).toFixed(1) + " KB";
    return (bytes / 1024 / 1024).toFixed(1) + " MB";
  }

  function newCard(name) {
    const card = $("card-template").content.firstElementChild.cloneNode(true);
    card.querySelector(".name").textContent = name;
    return card;
  }

  function render(card, job) {
    card.dataset.jobId = job.jobId;
    card.dataset.status = job.status;
    const status = card.querySelector(".status");
    status.textContent = job.status;
    status.className = "status " + job.status;
    const o = job.original || {};
    const size = o.width ? `${o.width}×${o.height}, ` : "";
    card.querySelector(".meta").textContent =
      `original ${o.contentType || ""} ${size}${formatBytes(o.bytes || 0)} · job ${job.jobId} · attempts ${job.attempts}`;
    const error = card.querySelector(".error");
    error.hidden = !job.error;
    error.textContent = job.error ? `${job.error.code}: ${job.error.message}` : "";
    const list = card.querySelector(".thumbs");
    const placeholder = job.thumbhash && window.thumbHashToDataURL ? window.thumbHashToDataURL(job.thumbhash) : null;
    list.replaceChildren(...(job.thumbnails || []).map((t) => thumbnail(t, placeholder)));
    timeline(card.querySelector(".timeline"), job.timings);
  }

  // Where the job's time went (claim to SUCCEEDED), one bar segment per step, widths in proportion.
  const STEPS = ["download", "decode", "resize", "encode", "upload", "other"];

  function timeline(bar, timings) {
    bar.hidden = !timings || !(timings.totalMs >= 0);
    if (bar.hidden) return bar.replaceChildren();
    const total = Math.max(1, STEPS.reduce((sum, s) => sum + (timings[s + "Ms"] || 0), 0));
    const parts = STEPS.map((s) => `${s} ${timings[s + "Ms"] || 0} ms`);
    bar.setAttribute("aria-label",
      `${timings.totalMs} ms after ${timings.queuedMs} ms queued: ${parts.join(", ")}; CPU ${timings.cpuMs} ms`);
    bar.title = bar.getAttribute("aria-label");
    bar.replaceChildren(...STEPS.map((s) => {
      const segment = document.createElement("span");
      segment.className = "step " + s;
      segment.style.width = ((100 * (timings[s + "Ms"] || 0)) / total).toFixed(2) + "%";
      return segment;
    }));
  }

  // The ThumbHash placeholder (a blurred image of a few dozen bytes) fills the thumbnail's box
  // until the real image has loaded.
  function thumbnail(t, placeholder) {
    const item = document.createElement("li");
    const figure = document.createElement("figure");
    const img = document.createElement("img");
    img.src = t.url;
    img.alt = `${t.preset} thumbnail, ${t.width} by ${t.height}`;
    img.width = t.width;
    img.height = t.height;
    if (placeholder) {
      img.style.backgroundImage = `url("${placeholder}")`;
      img.style.backgroundSize = "100% 100%";
      img.dataset.placeholder = "thumbhash";
      img.addEventListener("load", () => { img.style.backgroundImage = ""; delete img.dataset.placeholder; }, { once: true });
    }
    const caption = document.createElement("figcaption");
    caption.textContent = `${t.preset}: ${t.width}×${t.height}, ${formatBytes(t.bytes)}`;
    figure.append(img, caption);
    item.append(figure);
    return item;
  }

  function showError(card, code, message) {
    const status = card.querySelector(".status");
    status.textContent = "FAILED";
    status.className = "status FAILED";
    card.dataset.status = "FAILED";
    const error = card.querySelector(".error");
    error.hidden = false;
    error.textContent = `${code}: ${message}`;
  }

  // Polls with back-off (0.5 s growing to 5 s) until the job is finished.
  async function follow(card, jobId, delay = 500) {
    try {
      const job = await api("/v1/jobs/" + encodeURIComponent(jobId));
      render(card, job);
      if (["SUCCEEDED", "FAILED", "EXPIRED"].includes(job.status)) return;
    } catch (e) {
      if (e.code === "unauthorized") return showError(card, e.code, e.message);
    }
    setTimeout(() => follow(card, jobId, Math.min(delay * 1.5, 5000)), delay);
  }

  async function upload(file) {
    const card = newCard(file.name);
    card.querySelector(".status").textContent = "UPLOADING";
    card.querySelector(".status").className = "status UPLOADING";
    $("uploads").prepend(card);
    try {
      const job = await uploadDirect(file).catch((e) => {
        // A type the direct upload does not take (the browser's guess): the bytes decide instead.
        if (e.code === "unsupported_media_type") return uploadThroughApi(file);
        throw e;
      });
      render(card, job);
      follow(card, job.jobId);
    } catch (e) {
      showError(card, e.code, e.message);
    }
  }

  // Direct upload: the API signs a PUT, the browser sends the bytes straight to storage (the
  // bucket's CORS admits this origin), then reports completion; the bytes never pass the API.
  async function uploadDirect(file) {
    const ticket = await api("/v1/uploads", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ contentType: file.type, size: file.size }),
    });
    const headers = Object.fromEntries(
      Object.entries(ticket.upload.headers).filter(([name]) => name.toLowerCase() !== "content-length"),
    );
    const put = await fetch(ticket.upload.url, { method: ticket.upload.method, headers, body: file });
    if (!put.ok) {
      const error = new Error(`storage refused the upload (HTTP ${put.status})`);
      error.code = "upload_failed";
      throw error;
    }
    return api("/v1/uploads/" + encodeURIComponent(ticket.jobId) + "/complete", { method: "POST" });
  }

  async function uploadThroughApi(file) {
    const form = new FormData();
    form.append("file", file);
    return api("/v1/images", { method: "POST", body: form });
  }

  async function loadJobs(append) {
    if (!apiKey()) return;
    const params = new URLSearchParams({ limit: "10" });
    const status = $("status-filter").value;
    if (status) params.set("status", status);
    if (append && nextCursor) params.set("cursor", nextCursor);
    try {
      const page = await api("/v1/jobs?" + params);
      const cards = page.jobs.map((job) => {
        const card = newCard(job.jobId);
        render(card, job);
        return card;
      });
      if (append) $("recent").append(...cards);
      else $("recent").replaceChildren(...cards);
      nextCursor = page.nextCursor || null;
      $("more-jobs").hidden = !nextCursor;
    } catch (e) {
      $("key-status").textContent = `${e.code}: ${e.message}`;
    }
  }

  function uploadAll(files) {
    if (!apiKey()) {
      $("key-status").textContent = "Enter an API key first.";
      $("api-key").focus();
      return;
    }
    [...files].forEach(upload);
  }

  $("key-form").addEventListener("submit", (event) => {
    event.preventDefault();
    key = $("api-key").value.trim() || null;
    $("api-key").value = "";
    $("key-status").textContent = "Key set for this page (kept in memory only).";
    loadJobs(false);
  });
  $("forget-key").addEventListener("click", () => {
    key = null;
    $("key-status").textContent = "Key forgotten.";
    $("recent").replaceChildren();
  });
  const drop = $("drop-zone");
  drop.addEventListener("click", () => $("file-input").click());
  drop.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      $("file-input").click();
    }
  });
  drop.addEventListener("dragover", (event) => {
    event.preventDefault();
    drop.classList.add("over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("over");
    uploadAll(event.dataTransfer.files);
  });
  $("file-input").addEventListener("change", (event) => {
    uploadAll(event.target.files);
    event.target.value = "";
  });
  $("status-filter").addEventListener("change", () => loadJobs(false));
  $("refresh-jobs").addEventListener("click", () => loadJobs(false));
  $("more-jobs").addEventListener("click", () => loadJobs(true));
  if (apiKey()) {
    $("key-status").textContent = "Using the key of this browser session.";
    loadJobs(false);
  }
})();
