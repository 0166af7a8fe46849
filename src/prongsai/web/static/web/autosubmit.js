// A <select data-autosubmit> submits its form when changed (no inline handlers: the
// Content-Security-Policy allows scripts from our own files only).
document.addEventListener("change", (event) => {
  if (event.target.matches("select[data-autosubmit]")) event.target.form.submit();
});
