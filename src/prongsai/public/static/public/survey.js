// A pulse survey's page 1 holds every page as a section. With this script the respondent
// moves between sections without a request (one page load on a slow connection), each
// section checked for unanswered items as the server would, choices kept in the browser
// session (sessionStorage: resumable, never sent until the end), and everything is sent
// at once to the "send" step, the thanks page shown from its answer. Without it the same
// form posts page by page.
const form = document.querySelector("form[data-survey-pages]");

if (form) {
  const sections = [...form.querySelectorAll("section[data-number]")];
  const step = document.getElementById("step");
  const bar = document.querySelector("progress");
  const back = form.querySelector("button[value=back]");
  const next = form.querySelector("button[value=next]");
  const nextLabel = next.textContent;
  const missingNote = form.querySelector("[data-missing]");
  const notSent = form.querySelector("[data-not-sent]");
  const key = `prongsai-survey:${form.dataset.send}`;
  let current = 0;

  const saved = () => JSON.parse(sessionStorage.getItem(key) || "{}");

  function unanswered(section) {
    return [...section.querySelectorAll("fieldset")].filter(
      (fieldset) => !fieldset.querySelector("input:checked"),
    );
  }

  function show(index) {
    sections.forEach((section, i) => { section.hidden = i !== index; });
    current = index;
    const section = sections[index];
    step.textContent = `หน้า ${index + 1} จาก ${sections.length} · ${section.dataset.name}`;
    bar.value = index + 1;
    back.hidden = index === 0;
    next.textContent = index === sections.length - 1 ? next.dataset.lastLabel : nextLabel;
    missingNote.hidden = true;
    window.scrollTo(0, 0);
    section.querySelector("h1").focus();
  }

  for (const [name, value] of Object.entries(saved())) {
    const input = form.querySelector(`input[name="${CSS.escape(name)}"][value="${CSS.escape(value)}"]`);
    if (input) input.checked = true;
  }
  form.addEventListener("change", (event) => {
    const input = event.target;
    sessionStorage.setItem(key, JSON.stringify({ ...saved(), [input.name]: input.value }));
    input.closest("fieldset").classList.remove("missing");
    if (!unanswered(sections[current]).length) missingNote.hidden = true;
  });
  // the button that sends the form (event.submitter, or the last one clicked where a
  // browser does not tell: Safari before 15.4)
  let clicked = null;
  form.addEventListener("click", (event) => { clicked = event.target.closest("button"); });
  form.addEventListener("submit", (event) => {
    if ((event.submitter || clicked) === back) {
      event.preventDefault();
      if (current > 0) show(current - 1);
      return;
    }
    const gaps = unanswered(sections[current]);
    if (gaps.length) {
      event.preventDefault();
      gaps.forEach((fieldset) => fieldset.classList.add("missing"));
      missingNote.hidden = false;
      gaps[0].querySelector("input").focus();
    } else if (current < sections.length - 1) {
      event.preventDefault();
      show(current + 1);
    } else {
      event.preventDefault();
      send();
    }
  });

  // Every section's answers in one request. What comes back replaces the page: the thanks
  // page, or the send step with the server's reason (closed, for one). When the request
  // cannot be made the answers stay here and the respondent sends again.
  async function send() {
    next.disabled = back.disabled = true;
    next.textContent = "กำลังส่ง…";
    notSent.hidden = true;
    try {
      const response = await fetch(form.dataset.send, {
        method: "POST",
        body: new FormData(form),
        headers: { "X-Requested-With": "survey.js" },
        credentials: "same-origin",
      });
      const text = await response.text();
      const type = response.headers.get("Content-Type") || "";
      if (type.startsWith("text/plain") && response.status === 429) {
        return notSentBecause(text); // the rate limit's own Thai message
      }
      const page = new DOMParser().parseFromString(text, "text/html");
      const main = type.startsWith("text/html") && page.querySelector("main");
      if (!main || !(response.ok || response.status === 400)) {
        return notSentBecause(`ส่งไม่สำเร็จ (รหัส ${response.status}) คำตอบยังอยู่ในเครื่องนี้ กรุณากดส่งอีกครั้ง`);
      }
      if (response.ok) {
        sessionStorage.removeItem(key);
        history.replaceState(null, "", form.dataset.thanks);
      }
      document.title = page.title; // the thanks page, or the send step with its reason
      document.querySelector("main").replaceWith(main);
      window.scrollTo(0, 0);
    } catch (error) {
      notSentBecause("ส่งไม่สำเร็จ เชื่อมต่อเครือข่ายไม่ได้ คำตอบยังอยู่ในเครื่องนี้ กรุณากดส่งอีกครั้ง");
    }
  }

  function notSentBecause(message) {
    notSent.textContent = message;
    notSent.hidden = false;
    next.disabled = back.disabled = false;
    next.textContent = next.dataset.lastLabel;
  }
  const firstGap = sections.findIndex((section) => unanswered(section).length);
  if (firstGap > 0) show(firstGap);
  form.dataset.enhanced = ""; // from here on the form is paged in the browser
}
