// Badge scanning with the phone's camera. Chromium-based browsers expose the BarcodeDetector API
// (no library, no CDN); where it is missing the page says so and the name search remains.
(function () {
  "use strict";
  const section = document.getElementById("scanner");
  const button = document.getElementById("scanner-start");
  const video = document.getElementById("scanner-video");
  const result = document.getElementById("scanner-result");
  if (!section || !button) return;
  const csrf = document.querySelector("#code-form input[name=csrfmiddlewaretoken]").value;
  let lastCode = "";

  async function checkIn(code) {
    const body = new URLSearchParams({ code: code });
    const response = await fetch(section.dataset.scanUrl, {
      method: "POST",
      headers: { "X-CSRFToken": csrf, Accept: "application/json" },
      body: body,
    });
    const answer = await response.json();
    result.textContent = answer.message;
    result.className = "mt-2 fw-semibold " + (answer.ok ? "text-success" : "text-danger");
  }

  button.addEventListener("click", async function () {
    if (!("BarcodeDetector" in window) || !navigator.mediaDevices) {
      result.textContent = section.dataset.unsupported;
      return;
    }
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
    } catch (error) {
      result.textContent = section.dataset.noCamera;
      return;
    }
    const detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    video.srcObject = stream;
    video.classList.remove("d-none");
    button.classList.add("d-none");
    await video.play();
    async function scan() {
      try {
        const codes = await detector.detect(video);
        if (codes.length && codes[0].rawValue !== lastCode) {
          lastCode = codes[0].rawValue;
          await checkIn(lastCode);
        }
      } catch (error) {
        // A frame that could not be read: try the next one.
      }
      window.setTimeout(scan, 400);
    }
    scan();
  });
})();
