// The list of problems above the application: a link takes the patient to the answer
// to fix with its question, hint and message in view (the browser alone scrolls the
// input to the top edge, above which they are), and puts the cursor in it.
(() => {
    "use strict";
    const summary = document.querySelector(".error-summary");
    if (!summary) return;
    summary.addEventListener("click", (event) => {
        const link = event.target.closest("a[href^='#']");
        if (!link) return;
        const input = document.getElementById(decodeURIComponent(link.hash.slice(1)));
        const question = input && input.closest(".field");
        if (!question) return;
        event.preventDefault();
        question.scrollIntoView({ block: "start" });
        input.focus({ preventScroll: true });
    });
})();
