// The handout's print button: shown only when this script runs, it opens the browser's
// print dialog. Without it, the handout says how to print from the browser's menu.
document.querySelectorAll("[data-handout-print]").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
});
