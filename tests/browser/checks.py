"""Measurements taken inside the page, shared by the browser tests.

Each function runs a small script in the page and returns plain data, so a failing
assertion can say exactly which element is at fault.
"""

from playwright.sync_api import Page

# Elements a keyboard user must be able to reach with Tab.
FOCUSABLE = (
    "a[href], button, input:not([type=hidden]), select, textarea, summary, "
    "[tabindex]:not([tabindex='-1'])"
)


# Prepended to the page scripts below: a short description of an element for messages.
DESCRIBE_JS = """
    const describe = (el) => {
        let text = (el.innerText || el.value || el.getAttribute('aria-label') || '').trim();
        text = text.replace(/\\s+/g, ' ').slice(0, 40);
        const cls = el.className && typeof el.className === 'string'
            ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
        return `<${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${cls}> "${text}"`;
    };
"""


def horizontal_overflow(page: Page):
    """Elements that stick out of the viewport sideways, and the page's scroll width.

    Content hidden from everyone (aria-hidden, such as a spam trap placed off-screen)
    is left out here and in the text checks below.
    """
    return page.evaluate(
        "() => {"
        + DESCRIBE_JS
        + """
            const width = document.documentElement.clientWidth;
            const offenders = [];
            for (const el of document.body.querySelectorAll('*')) {
                if (el.closest('[aria-hidden="true"]')) continue;
                const rect = el.getBoundingClientRect();
                if (rect.width === 0 || rect.height === 0) continue;
                if (rect.right > width + 0.5 || rect.left < -0.5) {
                    const span = `${Math.round(rect.left)}..${Math.round(rect.right)}px`;
                    offenders.push(`${describe(el)} spans ${span}`);
                }
            }
            return {
                scrollWidth: document.documentElement.scrollWidth,
                clientWidth: width,
                offenders: offenders.slice(0, 15),
            };
        }""",
    )


def small_text(page: Page, minimum_px: float):
    """Visible text set smaller than `minimum_px`, as 'element: size' strings."""
    return page.evaluate(
        "(minimum) => {"
        + DESCRIBE_JS
        + """
            const found = new Map();
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
                const node = walker.currentNode;
                if (!node.textContent.trim()) continue;
                const el = node.parentElement;
                if (el.closest('[aria-hidden="true"]')) continue;
                const style = getComputedStyle(el);
                if (style.visibility === 'hidden' || style.display === 'none') continue;
                const rect = el.getBoundingClientRect();
                // Hidden text and the visually-hidden pattern (1 px clipped box).
                if (rect.width <= 1 || rect.height <= 1) continue;
                const size = parseFloat(style.fontSize);
                if (size < minimum) found.set(el, `${describe(el)}: ${size}px`);
            }
            return [...found.values()].slice(0, 15);
        }""",
        minimum_px,
    )


def tag_focusables(page: Page):
    """Number every visible, tabbable element (data-focus-id) and record how it looks unfocused.

    Returns {id: {"label": ..., "group": ...}}: radio buttons of one name share a group,
    as Tab stops once in the group; every other control is a group of its own. Controls
    taken out of the tab order (tabindex="-1", disabled, inert) are left out.
    """
    return page.evaluate(
        "(selector) => {"
        + DESCRIBE_JS
        + """
            const result = {};
            let n = 0;
            for (const el of document.querySelectorAll(selector)) {
                if (el.disabled || el.tabIndex < 0 || el.closest('[inert]')) continue;
                const style = getComputedStyle(el);
                const rect = el.getBoundingClientRect();
                if (style.visibility === 'hidden') continue;
                if (rect.width === 0 || rect.height === 0) continue;
                el.dataset.focusId = String(++n);
                // Tab stops once in a group of radio buttons; the arrow keys move inside it.
                const group = el.type === 'radio' && el.name
                    ? `radio ${el.form ? el.form.id : ''} ${el.name}` : String(n);
                result[n] = {label: describe(el), group};
            }
            return result;
        }""",
        FOCUSABLE,
    )


FOCUS_LOOK_JS = """
(el) => {
    const looks = [];
    for (let node = el, depth = 0; node && node !== document.body && depth < 4;
         node = node.parentElement, depth++) {
        const s = getComputedStyle(node);
        const outline = s.outlineStyle === 'none' || parseFloat(s.outlineWidth) === 0
            ? 'none' : `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`;
        looks.push(`${outline} | ${s.boxShadow}`);
    }
    return looks.join(' / ');
}
"""


def focus_look(page: Page, focus_id: str):
    return page.locator(f"[data-focus-id='{focus_id}']").evaluate(FOCUS_LOOK_JS)


def active_element(page: Page):
    """(data-focus-id or None, a description) of the element that has focus."""
    return page.evaluate(
        "() => {"
        + DESCRIBE_JS
        + """
            const el = document.activeElement;
            if (!el || el === document.body) return [null, 'body'];
            return [el.dataset.focusId || null, describe(el)];
        }""",
    )


def text_against_the_edges(page: Page, gutter_px: float):
    """Visible text closer than `gutter_px` to the left or right edge of the viewport."""
    return page.evaluate(
        "(gutter) => {"
        + DESCRIBE_JS
        + """
            const width = document.documentElement.clientWidth;
            const found = new Map();
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            const range = document.createRange();
            while (walker.nextNode()) {
                const node = walker.currentNode;
                if (!node.textContent.trim()) continue;
                const el = node.parentElement;
                if (el.closest('[aria-hidden="true"]')) continue;
                const box = el.getBoundingClientRect();
                if (box.width <= 1 || box.height <= 1) continue;
                if (getComputedStyle(el).visibility === 'hidden') continue;
                // Text cut off by an ancestor (an ellipsis) is drawn only inside it.
                let clipLeft = -Infinity, clipRight = Infinity;
                for (let up = el; up && up !== document.body; up = up.parentElement) {
                    const overflow = getComputedStyle(up).overflowX;
                    if (overflow === 'hidden' || overflow === 'clip') {
                        const clip = up.getBoundingClientRect();
                        clipLeft = Math.max(clipLeft, clip.left);
                        clipRight = Math.min(clipRight, clip.right);
                    }
                }
                range.selectNodeContents(node);
                for (const rect of range.getClientRects()) {
                    const left = Math.max(rect.left, clipLeft);
                    const right = Math.min(rect.right, clipRight);
                    if (right - left <= 0) continue;
                    if (left < gutter || right > width - gutter) {
                        const span = `${Math.round(left)}..${Math.round(right)}px`;
                        found.set(el, `${describe(el)} at ${span}`);
                    }
                }
            }
            return [...found.values()].slice(0, 15);
        }""",
        gutter_px,
    )


def split_heading_words(page: Page):
    """Words of a heading broken across two lines (e.g. "Exercis/es"), as 'heading: word'."""
    return page.evaluate(
        """() => {
            const found = [];
            const range = document.createRange();
            for (const heading of document.querySelectorAll('h1, h2, h3, h4, summary')) {
                if (heading.closest('[aria-hidden="true"]')) continue;
                if (!heading.getClientRects().length) continue;
                const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
                while (walker.nextNode()) {
                    const node = walker.currentNode;
                    for (const match of node.textContent.matchAll(/\\S+/g)) {
                        range.setStart(node, match.index);
                        range.setEnd(node, match.index + match[0].length);
                        const lines = new Set(
                            [...range.getClientRects()]
                                .filter((rect) => rect.width > 0)
                                .map((rect) => Math.round(rect.top))
                        );
                        if (lines.size > 1) found.push(`${heading.innerText.trim()}: ${match[0]}`);
                    }
                }
            }
            return found.slice(0, 15);
        }"""
    )
