// Keeps every [data-job-status] block current: polls the job's status each second until it
// ends; with data-job-follow, opens the result when the job is done.
const ofText = document.documentElement.lang === "th" ? "จาก" : "of";

function show(block, status) {
  block.dataset.status = status.status;
  block.querySelector("progress").value = status.percent;
  block.querySelector("[data-job-label]").textContent = status.label;
  block.querySelector("[data-job-count]").textContent = status.total
    ? `${status.done} ${ofText} ${status.total}` : "";
  block.querySelector("[data-job-message]").textContent = status.message;
  const result = block.querySelector("[data-job-result]");
  if (status.result_url) {
    result.querySelector("a").href = status.result_url;
    result.hidden = false;
  }
}

async function poll(block) {
  try {
    const response = await fetch(block.dataset.jobStatus, { headers: { Accept: "application/json" } });
    if (response.ok) {
      const status = await response.json();
      show(block, status);
      if (status.ended) {
        if (status.result_url && "jobFollow" in block.dataset) window.location.assign(status.result_url);
        return;
      }
    }
  } catch (error) {
    // A dropped connection on a slow line: try again on the next tick.
  }
  setTimeout(() => poll(block), 1000);
}

document.querySelectorAll("[data-job-status]").forEach((block) => poll(block));
