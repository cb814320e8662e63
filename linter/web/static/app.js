// Adds to the forms, which work without it: dropping files onto a box, and progress while
// the files are sent and checked. Served as a file (the pages allow no inline script).
"use strict";

function setupDrop(box) {
  const input = box.querySelector("input[type=file]");
  box.addEventListener("dragover", (event) => {
    event.preventDefault();
    box.classList.add("over");
  });
  box.addEventListener("dragleave", () => box.classList.remove("over"));
  box.addEventListener("drop", (event) => {
    event.preventDefault();
    box.classList.remove("over");
    const dropped = new DataTransfer();
    for (const file of event.dataTransfer.files) {
      if (input.multiple || dropped.files.length === 0) dropped.items.add(file);
    }
    input.files = dropped.files;
    input.dispatchEvent(new Event("change", { bubbles: true }));
  });
}

function setupProgress(form) {
  const status = form.querySelector("#progress");
  const text = form.querySelector("#progress-text");
  const bar = form.querySelector("#progress-bar");
  const button = form.querySelector("button[type=submit]");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    // Say so before sending, rather than after uploading what the app will refuse.
    const size = [...form.querySelectorAll("input[type=file]")].flatMap((i) => [...i.files]).reduce((n, f) => n + f.size, 0);
    if (size > Number(form.dataset.maxBytes)) {
      status.hidden = false;
      bar.value = 0;
      text.textContent = `These files are ${(size / 1e6).toFixed(1)} MB; the limit is ${form.dataset.maxBytes / 1e6} MB in all.`;
      return;
    }
    const request = new XMLHttpRequest();
    const started = Date.now();
    let timer = null;
    request.open("POST", form.action);
    request.setRequestHeader("Accept", "application/json");
    request.upload.addEventListener("progress", (e) => {
      if (!e.lengthComputable) return;
      bar.value = Math.round((100 * e.loaded) / e.total);
      text.textContent = `Sending… ${bar.value}%`;
    });
    request.upload.addEventListener("load", () => {
      bar.removeAttribute("value"); // indeterminate while the server checks
      const tick = () => {
        const seconds = Math.round((Date.now() - started) / 1000);
        text.textContent = `Checking… ${seconds} s`;
      };
      tick();
      timer = setInterval(tick, 1000);
    });
    const finish = (message) => {
      clearInterval(timer);
      button.disabled = false;
      text.textContent = message;
      bar.value = 0;
    };
    request.addEventListener("load", () => {
      let answer = null;
      try {
        answer = JSON.parse(request.responseText);
      } catch (_) {
        answer = { error: request.responseText.trim() || `The app answered ${request.status}.` };
      }
      if (request.status === 200 && answer.location) {
        text.textContent = "Done — opening the report…";
        window.location.assign(answer.location);
      } else {
        finish(answer.error || `The app answered ${request.status}.`);
      }
    });
    request.addEventListener("error", () => finish("The app could not be reached. Is bangkok-lint serve still running?"));
    status.hidden = false;
    button.disabled = true;
    text.textContent = "Sending…";
    request.send(new FormData(form));
  });
}

document.querySelectorAll("[data-drop]").forEach(setupDrop);
document.querySelectorAll("form[data-progress]").forEach(setupProgress);
