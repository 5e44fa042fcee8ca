// A video facade (exercises/includes/video.html): the player of YouTube or Vimeo is
// put in the page only when the reader presses play, so nothing is requested from
// that site before. Without this script the facade is a plain link to the video.
document.querySelectorAll("[data-video-facade]:not([data-video-ready])").forEach((facade) => {
    facade.dataset.videoReady = "";
    const link = facade.querySelector("a");
    link.addEventListener("click", (event) => {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        const player = document.createElement("iframe");
        player.src = facade.dataset.embedUrl;
        player.title = facade.dataset.videoTitle;
        player.allow = "autoplay; fullscreen; picture-in-picture; encrypted-media";
        player.allowFullscreen = true;
        player.referrerPolicy = "strict-origin-when-cross-origin";
        link.replaceWith(player);
        player.focus();
    });
});
