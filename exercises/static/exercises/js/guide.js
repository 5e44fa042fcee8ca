// The guided mode (exercises/guide.html). Without this script every screen is a page of
// its own, joined by links. With it: the next screen shows at once (all are in the
// page), each exercise gets a counter of sets and repetitions with a hold timer and a
// rest timer, and the reader's log is kept in this browser (localStorage) only.
(() => {
    "use strict";

    const root = document.querySelector("[data-guide]");
    const planElement = document.getElementById("guide-plan");
    if (!root || !planElement) return;
    const plan = JSON.parse(planElement.textContent);
    const live = root.querySelector("[data-guide-live]");
    const screens = new Map(
        [...root.querySelectorAll("[data-guide-screen]")].map((el) => [el.dataset.guideScreen, el]),
    );
    const LOG_KEY = "exercises:log";
    const OPTIONS_KEY = "exercises:guide-options";
    const LOG_DAYS = 7;
    const KEEP_DAYS = 90;
    const visited = new Set();
    const finished = new Set();

    // Storage may be refused (private windows, full disk): the guide still works, the log
    // then says it could not be kept.
    function readStored(key, fallback) {
        try {
            const value = JSON.parse(window.localStorage.getItem(key));
            return value === null ? fallback : value;
        } catch {
            return fallback;
        }
    }
    function store(key, value) {
        try {
            if (value === null) window.localStorage.removeItem(key);
            else window.localStorage.setItem(key, JSON.stringify(value));
            return true;
        } catch {
            return false;
        }
    }

    function make(tag, className, text) {
        const el = document.createElement(tag);
        if (className) el.className = className;
        if (text !== undefined) el.textContent = text;
        return el;
    }
    function button(label, className) {
        const el = make("button", className, label);
        el.type = "button";
        return el;
    }
    const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;
    const seconds = (n) => plural(n, "second", "seconds");

    function announce(text) {
        live.textContent = text;
    }

    // Sound: both cues are off until the reader turns them on.
    const options = { beep: false, speak: false, ...readStored(OPTIONS_KEY, {}) };
    root.querySelectorAll("[data-guide-options]").forEach((fieldset) => {
        fieldset.hidden = false;
        fieldset.querySelectorAll("[data-guide-option]").forEach((box) => {
            box.checked = Boolean(options[box.dataset.guideOption]);
            box.addEventListener("change", () => {
                options[box.dataset.guideOption] = box.checked;
                store(OPTIONS_KEY, options);
            });
        });
    });
    let audio = null;
    function beep() {
        const Context = window.AudioContext || window.webkitAudioContext;
        if (!options.beep || !Context) return;
        audio = audio || new Context();
        const tone = audio.createOscillator();
        const volume = audio.createGain();
        tone.frequency.value = 880;
        volume.gain.setValueAtTime(0.2, audio.currentTime);
        volume.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.4);
        tone.connect(volume).connect(audio.destination);
        tone.start();
        tone.stop(audio.currentTime + 0.4);
    }
    function say(text) {
        if (!options.speak || !("speechSynthesis" in window)) return;
        window.speechSynthesis.cancel();
        window.speechSynthesis.speak(new SpeechSynthesisUtterance(text));
    }

    // The screen stays on while a timer runs, where the browser can keep it on.
    let wakeLock = null;
    let timersRunning = 0;
    async function keepAwake() {
        if (!("wakeLock" in navigator) || wakeLock || document.visibilityState !== "visible") return;
        try {
            wakeLock = await navigator.wakeLock.request("screen");
            wakeLock.addEventListener("release", () => {
                wakeLock = null;
            });
        } catch {
            wakeLock = null; // refused (battery saver, no permission): the timer still runs
        }
    }
    function letSleep() {
        if (wakeLock && timersRunning === 0) wakeLock.release().catch(() => {});
    }
    document.addEventListener("visibilitychange", () => {
        if (timersRunning > 0) keepAwake();
    });

    // A countdown in large digits; Date.now() keeps it right when the tab was asleep.
    function countdown(host, kind, total, label, onEnd) {
        const box = make("div", `guide-timer guide-timer--${kind} guide-timer--running`);
        const digits = make("span", "guide-timer__digits", String(total));
        const caption = make("span", "guide-timer__label", label);
        const bar = make("progress");
        bar.max = total;
        bar.value = 0;
        bar.setAttribute("aria-hidden", "true");
        box.append(digits, caption, bar);
        host.replaceChildren(box);
        const endAt = Date.now() + total * 1000;
        timersRunning += 1;
        keepAwake();
        let stopped = false;
        const stop = () => {
            if (stopped) return;
            stopped = true;
            window.clearInterval(tick);
            timersRunning -= 1;
            letSleep();
            host.replaceChildren();
        };
        const tick = window.setInterval(() => {
            const left = Math.max(0, Math.ceil((endAt - Date.now()) / 1000));
            digits.textContent = String(left);
            bar.value = total - left;
            if (left === 0) {
                stop();
                onEnd();
            }
        }, 200);
        return stop;
    }

    // The counter of one exercise: repetitions are counted one by one (each after its
    // hold, when the dose has one), side by side, set by set.
    function Counter(host, exercise) {
        const count = exercise.count;
        const perSet = count.reps * count.sides;
        const total = perSet * count.sets;
        const sideNoun = count.side ? count.side.split(" ").pop() : "";
        let done = 0;
        let stopTimer = null;

        const status = make("p", "guide-counter__status");
        const tally = make("span", "guide-counter__count");
        const timer = make("div");
        const main = button("", "button button--large guide-counter__main");
        const more = make("div", "guide-counter__more");
        const undo = button("Undo last repetition", "button button--secondary");
        const skip = button("", "button button--secondary");
        skip.hidden = true;
        more.append(undo, skip);
        host.append(make("h2", "visually-hidden", `Counter for ${exercise.title}`), status, timer, main, more);
        host.hidden = false;

        function where(position) {
            const set = Math.floor(position / perSet);
            const within = position % perSet;
            return { set, side: Math.floor(within / count.reps), rep: within % count.reps };
        }
        function sideLabel(side) {
            return count.sides > 1 ? `, ${side === 0 ? "first" : "second"} ${sideNoun}` : "";
        }
        function describe() {
            if (done === total) return `All done: ${exercise.title}`;
            const { set, side, rep } = where(done);
            const sets = count.sets > 1 ? `Set ${set + 1} of ${count.sets}` : "";
            const label = `${sets}${sideLabel(side)}`.replace(/^, /, "");
            return `${label ? `${label[0].toUpperCase()}${label.slice(1)}: ` : ""}${rep} of ${plural(count.reps, "repetition", "repetitions")} done`;
        }
        function render() {
            const { rep } = where(done);
            host.classList.toggle("guide-counter--finished", done === total);
            status.replaceChildren(document.createTextNode(describe()));
            if (done < total && count.reps > 1) {
                tally.textContent = `${rep} / ${count.reps}`;
                tally.setAttribute("aria-hidden", "true");
                status.append(tally);
            }
            main.hidden = done === total || stopTimer !== null;
            const next = rep + 1;
            main.textContent = count.hold
                ? `Start the hold (${seconds(count.hold)})${count.reps > 1 ? `: repetition ${next}` : ""}`
                : count.reps > 1
                  ? `Done repetition ${next} of ${count.reps}`
                  : "Done";
            undo.disabled = done === 0 && stopTimer === null;
        }
        function stopRunning() {
            if (stopTimer) stopTimer();
            stopTimer = null;
            skip.hidden = true;
        }
        function counted() {
            done += 1;
            const position = where(done);
            if (done === total) {
                finished.add(exercise.number);
                announce(`${exercise.title}: all done. Go on to the next screen when you are ready.`);
                say("All done");
                render();
                const next = screens.get(String(exercise.number))?.querySelector(".guide-nav__next");
                if (next) next.focus();
                return;
            }
            if (position.rep === 0 && position.side === 0) {
                const setDone = `Set ${position.set} of ${count.sets} done.`;
                if (count.rest) {
                    rest(setDone);
                    return;
                }
                announce(`${setDone} Rest as long as you need, then start set ${position.set + 1}.`);
                say(setDone);
            } else if (position.rep === 0) {
                announce(`Now the second ${sideNoun}.`);
                say(`Now the second ${sideNoun}`);
            } else {
                announce(describe());
                say(String(position.rep));
            }
            render();
        }
        function hold() {
            announce(`Hold for ${seconds(count.hold)}.`);
            say("Hold");
            skip.textContent = "Stop the hold";
            skip.hidden = false;
            stopTimer = countdown(timer, "hold", count.hold, "seconds to hold", () => {
                stopTimer = null;
                skip.hidden = true;
                beep();
                say("Relax");
                counted();
            });
            render();
            skip.focus();
        }
        function rest(setDone) {
            announce(`${setDone} Rest for ${seconds(count.rest)}.`);
            say(`${setDone} Rest`);
            skip.textContent = "Skip the rest";
            skip.hidden = false;
            stopTimer = countdown(timer, "rest", count.rest, "seconds of rest", () => {
                stopTimer = null;
                skip.hidden = true;
                beep();
                announce(`Rest over. ${describe()}`);
                say("Rest over");
                render();
                main.focus();
            });
            render();
            skip.focus();
        }

        main.addEventListener("click", () => (count.hold ? hold() : counted()));
        skip.addEventListener("click", () => {
            const wasHold = skip.textContent === "Stop the hold";
            stopRunning();
            announce(wasHold ? "Hold stopped: not counted." : `Rest skipped. ${describe()}`);
            render();
            main.focus();
        });
        undo.addEventListener("click", () => {
            if (stopTimer) stopRunning();
            else if (done > 0) {
                done -= 1;
                finished.delete(exercise.number);
            }
            announce(`Undone. ${describe()}`);
            render();
        });
        render();
        return { pause: () => stopTimer && (stopRunning(), render()) };
    }

    // The steps: the one the reader is on stands out, moved on with a button. At either
    // end the button that cannot move is marked inactive, not disabled: a disabled button
    // drops the keyboard's focus to the top of the page.
    function StepPointer(list) {
        const steps = [...list.children];
        if (steps.length < 2) return;
        let current = 0;
        const nav = make("div", "guide-step-nav");
        const where = make("span", "", "");
        const back = button("Previous step", "button button--secondary");
        const next = button("Next step", "button button--secondary");
        nav.append(where, back, next);
        list.after(nav);
        function render() {
            steps.forEach((step, index) => {
                step.classList.toggle("step--current", index === current);
                if (index === current) step.setAttribute("aria-current", "step");
                else step.removeAttribute("aria-current");
            });
            where.textContent = `Step ${current + 1} of ${steps.length}`;
            back.setAttribute("aria-disabled", String(current === 0));
            next.setAttribute("aria-disabled", String(current === steps.length - 1));
        }
        function go(by) {
            const to = current + by;
            if (to < 0 || to >= steps.length) return;
            current = to;
            render();
            announce(`Step ${current + 1}: ${steps[current].textContent.trim()}`);
        }
        back.addEventListener("click", () => go(-1));
        next.addEventListener("click", () => go(1));
        render();
    }

    const counters = new Map();
    plan.exercises.forEach((exercise) => {
        const screen = screens.get(String(exercise.number));
        if (!screen) return;
        const host = screen.querySelector("[data-guide-counter]");
        if (host && exercise.count) counters.set(String(exercise.number), Counter(host, exercise));
        const steps = screen.querySelector("[data-guide-steps]");
        if (steps) StepPointer(steps);
    });

    // The reader's log: per day, which exercises of which page were done.
    function isoDay(date) {
        const pad = (n) => String(n).padStart(2, "0");
        return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
    }
    function dayLabel(date, offset) {
        if (offset === 0) return "Today";
        if (offset === 1) return "Yesterday";
        return date.toLocaleDateString(document.documentElement.lang || undefined, {
            weekday: "long",
            month: "long",
            day: "numeric",
        });
    }
    function readLog() {
        const log = readStored(LOG_KEY, []);
        return Array.isArray(log) ? log.filter((entry) => entry && entry.date) : [];
    }
    function renderLogs() {
        const log = readLog();
        root.querySelectorAll("[data-guide-log]").forEach((section) => {
            const onDone = section.closest("[data-guide-screen]")?.dataset.guideScreen === "done";
            section.hidden = !onDone && log.length === 0;
            const list = section.querySelector("[data-guide-days]");
            list.replaceChildren();
            const today = new Date();
            for (let offset = 0; offset < LOG_DAYS; offset += 1) {
                const date = new Date(today.getFullYear(), today.getMonth(), today.getDate() - offset);
                const entries = log.filter((entry) => entry.date === isoDay(date));
                const item = make("li");
                item.append(make("span", "guide-log__date", dayLabel(date, offset)));
                if (entries.length === 0) item.append(make("span", "", "Nothing logged"));
                entries.forEach((entry) => {
                    const line = make("span", "guide-log__entry");
                    line.textContent = `${entry.title}: ${plural(entry.exercises.length, "exercise", "exercises")} (${entry.exercises.join(", ")})`;
                    item.append(line);
                });
                list.append(item);
            }
            section.querySelector("[data-guide-clear]").disabled = log.length === 0;
        });
    }
    const doneForm = root.querySelector("[data-guide-done]");
    const doneStatus = root.querySelector("[data-guide-done-status]");
    root.querySelectorAll("[data-guide-no-script]").forEach((el) => {
        el.hidden = true;
    });
    if (doneForm) {
        doneForm.hidden = false;
        doneForm.addEventListener("submit", (event) => {
            event.preventDefault();
            const chosen = [...doneForm.querySelectorAll("input[name=exercise]:checked")].map((box) =>
                Number(box.value),
            );
            const titles = plan.exercises
                .filter((exercise) => chosen.includes(exercise.number))
                .map((exercise) => exercise.title);
            if (titles.length === 0) {
                doneStatus.textContent = "Tick at least one exercise you did, then press “Done today”.";
                return;
            }
            const today = isoDay(new Date());
            const oldest = isoDay(new Date(Date.now() - KEEP_DAYS * 86400000));
            const log = readLog().filter(
                (entry) => entry.date >= oldest && !(entry.date === today && entry.page === plan.page),
            );
            log.push({ date: today, page: plan.page, title: plan.title, url: plan.url, exercises: titles });
            doneStatus.textContent = store(LOG_KEY, log)
                ? `Saved in your log for today: ${plural(titles.length, "exercise", "exercises")}.`
                : "This browser does not let the page keep a log (private browsing or storage turned off).";
            renderLogs();
        });
    }
    root.querySelectorAll("[data-guide-clear]").forEach((clear) => {
        clear.addEventListener("click", () => {
            store(LOG_KEY, null);
            renderLogs();
            announce("Your log is cleared.");
            if (doneStatus) doneStatus.textContent = "Your log is cleared.";
        });
    });
    renderLogs();

    // Moving between screens: every screen is in the page, so nothing is fetched.
    function urlFor(screen) {
        return screen === "start" ? plan.guideUrl : `${plan.guideUrl}${screen}/`;
    }
    function screenFor(href) {
        const path = new URL(href, window.location.href).pathname;
        if (!path.startsWith(plan.guideUrl)) return null;
        const rest = path.slice(plan.guideUrl.length).replace(/\/$/, "") || "start";
        return screens.has(rest) ? rest : null;
    }
    function syncDoneForm() {
        if (!doneForm || visited.size === 0) return;
        doneForm.querySelectorAll("input[name=exercise]").forEach((box) => {
            box.checked = visited.has(box.value) || finished.has(Number(box.value));
        });
    }
    function show(name, { push = true } = {}) {
        const target = screens.get(name);
        if (!target) return;
        counters.forEach((counter) => counter.pause());
        screens.forEach((screen, key) => {
            screen.hidden = key !== name;
        });
        if (/^\d+$/.test(name)) visited.add(name);
        if (name === "done") syncDoneForm();
        if (doneStatus) doneStatus.textContent = "";
        document.title = target.dataset.title;
        if (push) window.history.pushState({ screen: name }, "", urlFor(name));
        window.scrollTo(0, 0);
        const heading = target.querySelector("h1");
        heading.tabIndex = -1;
        heading.focus();
        announce(target.dataset.title);
    }
    root.addEventListener("click", (event) => {
        const link = event.target.closest("a[data-guide-go]");
        if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
        const name = screenFor(link.href);
        if (name === null) return;
        event.preventDefault();
        show(name);
    });
    window.addEventListener("popstate", () => {
        const name = screenFor(window.location.href);
        if (name !== null) show(name, { push: false });
    });
    const first = screenFor(window.location.href);
    if (first !== null) {
        window.history.replaceState({ screen: first }, "", window.location.href);
        if (/^\d+$/.test(first)) visited.add(first);
    }
})();
