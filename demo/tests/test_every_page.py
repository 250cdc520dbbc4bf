"""Every page of the site as each person in the demo programme meets it, checked for what
axe-core cannot see as well as what it can.

Signed in as each role, the crawl follows every link from the dashboard, so a page added
later is checked without anyone listing it. Each kind of page (one address pattern and its
query's names) is opened once, at a phone's 320 x 640 and a laptop's 1280 x 800, and must:

- not scroll sideways (WCAG 1.4.10): only a table's own box may scroll;
- give every form control an edge of 3:1 or more against what is behind it (1.4.11);
- give every element that takes focus a ring at least 2 px wide, of 3:1 or more against
  what is behind it, and against the element itself where the ring touches it (2.4.7,
  2.4.11; the colours are the browser's computed styles, and WCAG's contrast formula);
- pass axe-core's WCAG 2.0, 2.1 and 2.2 A and AA rules;
- be valid HTML to the Nu Html Checker (vnu-jar, run once over every page's source).
"""

import json
import re
import shutil
import subprocess
from collections import deque
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import Resolver404, resolve
from playwright.sync_api import Browser, Page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "together-2026"
ROLES = ["facilitator", "cofacilitator", "youngperson", "professional", "manager"]
SIZES = [(320, 640), (1280, 800)]
# Not pages to check: signing out, the admin, files, and what only serves a picture or a PDF.
NOT_PAGES = re.compile(r"^/(admin|static|media)/|^/accounts/logout/")
VNU = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Runs in the page: what a person meets that axe does not measure.
MEASURE = """
() => {
  const parse = (value) => {
    const m = value.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return [0, 0, 0, 0];
    const parts = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
  };
  const over = (top, bottom) => {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat([1]);
  };
  const luminance = (c) => {
    const [r, g, b] = c.slice(0, 3).map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => {
    const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (l1 + 0.05) / (l2 + 0.05);
  };
  // The colour behind an element: its ancestors' backgrounds, laid one over another.
  const behind = (element) => {
    const layers = [];
    for (let node = element.parentElement; node; node = node.parentElement) {
      const colour = parse(getComputedStyle(node).backgroundColor);
      if (colour[3] > 0) layers.push(colour);
      if (colour[3] >= 1) break;
    }
    return layers.reverse().reduce((base, layer) => over(layer, base), [255, 255, 255, 1]);
  };
  const own = (element) => over(parse(getComputedStyle(element).backgroundColor), behind(element));
  const seen = (element) => {
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    return element.checkVisibility({ visibilityProperty: true, opacityProperty: true })
      && box.width > 2 && box.height > 2 && style.clip === "auto"
      && style.clipPath === "none";
  };
  const name = (element) => {
    const id = element.id ? "#" + element.id : "";
    const classes = [...element.classList].slice(0, 2).map((c) => "." + c).join("");
    const text = (element.innerText || element.value || element.name || "").trim().slice(0, 30);
    return `${element.tagName.toLowerCase()}${id}${classes} "${text}"`;
  };
  const found = [];

  const width = document.documentElement.scrollWidth;
  if (width > window.innerWidth) {
    const wide = [...document.querySelectorAll("body *")]
      .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 1)
      .filter((element) => !element.closest(".table-responsive, .timeline-table"))
      .slice(0, 3).map(name);
    found.push(`scrolls sideways: ${width} px at ${window.innerWidth} px (${wide.join(", ")})`);
  }

  for (const control of document.querySelectorAll(
    "input:not([type=hidden]):not([type=range]), select, textarea")) {
    if (!seen(control)) continue;
    const style = getComputedStyle(control);
    const edge = over(parse(style.borderTopColor), own(control));
    const contrast = ratio(edge, behind(control));
    if (style.borderTopStyle === "none" || parseFloat(style.borderTopWidth) < 1 || contrast < 3) {
      found.push(`control edge ${contrast.toFixed(2)}:1: ${name(control)}`);
    }
  }

  const focusable = document.querySelectorAll(
    "a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]");
  for (const element of focusable) {
    if (element.tabIndex < 0 || element.disabled) continue;
    element.focus({ focusVisible: true });
    if (document.activeElement !== element || !seen(element)) continue;
    const style = getComputedStyle(element);
    const ring = parse(style.outlineColor);
    const thick = style.outlineStyle !== "none" ? parseFloat(style.outlineWidth) : 0;
    const offset = parseFloat(style.outlineOffset);
    let contrast = ratio(over(ring, behind(element)), behind(element));
    if (offset < 1) contrast = Math.min(contrast, ratio(over(ring, own(element)), own(element)));
    if (thick < 2 || contrast < 3) {
      found.push(`focus ring ${thick}px, ${contrast.toFixed(2)}:1: ${name(element)}`);
    }
    element.blur();
  }
  window.scrollTo(0, 0);
  return found;
}
"""

AXE = """
async () => (await axe.run(document, {
  runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
  resultTypes: ["violations"],
})).violations.map((v) => v.id + ": "
  + v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", "))
"""


@dataclass
class Crawl:
    base: str
    pages: dict[str, str] = field(default_factory=dict)  # kind of page: its first address
    html: dict[str, str] = field(default_factory=dict)  # kind of page: its source
    problems: list[str] = field(default_factory=list)


def _kind(url: str) -> str | None:
    """One name for all the addresses of one page: its pattern and its query's names."""
    parts = urlsplit(url)
    if NOT_PAGES.search(parts.path):
        return None
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    names = sorted({name for name, _value in parse_qsl(parts.query) if name != "page"})
    return match.route + ("?" + "&".join(names) if names else "")


def _sign_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def _discover(page: Page, crawl: Crawl) -> None:
    """Follow every link from the dashboard, keeping the first address of each kind of
    page that answers with HTML."""
    waiting = deque([crawl.base + "/"])
    while waiting:
        url = waiting.popleft()
        kind = _kind(url)
        if kind is None or kind in crawl.pages:
            continue
        response = page.request.get(url)
        if response.status != 200 or "text/html" not in response.headers["content-type"]:
            continue
        crawl.pages[kind] = url
        crawl.html[kind] = response.text()
        for href in re.findall(r'<a [^>]*href="([^"#]+)', crawl.html[kind]):
            href = href.replace("&amp;", "&")
            if href.startswith("/") and not href.startswith("//"):
                waiting.append(crawl.base + href)


def _check(page: Page, crawl: Crawl, axe_source: str, width: int) -> None:
    for url in crawl.pages.values():
        page.goto(url)
        page.evaluate(axe_source)
        found = page.evaluate(MEASURE) + [f"axe {v}" for v in page.evaluate(AXE)]
        where = url.removeprefix(crawl.base)
        crawl.problems += [f"{width} px {where}: {problem}" for problem in found]


def _nu_errors(crawl: Crawl, tmp_path: Path) -> list[str]:
    folder = tmp_path / "pages"
    folder.mkdir()
    names = {}
    for number, (kind, html) in enumerate(crawl.html.items()):
        path = folder / f"{number}.html"
        path.write_text(html)
        names[path.name] = crawl.pages[kind]
    result = subprocess.run(
        [
            shutil.which("java") or "java",
            "-jar",
            str(VNU),
            "--errors-only",
            "--format",
            "json",
            "--stdout",
            str(folder),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stdout)["messages"]
    return [
        f"{urlsplit(names[Path(m['url']).name]).path}: line {m.get('lastLine')}: {m['message']}"
        for m in messages
    ]


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo", stdout=StringIO())


@pytest.mark.parametrize("username", ROLES)
def test_every_page_meets_wcag_as_a_person_meets_it(
    live_server, browser: Browser, axe_source, demo, username, tmp_path
):
    if not VNU.exists() or not shutil.which("java"):
        pytest.fail("The Nu Html Checker is missing: run `make test`, which installs it.")
    crawl = Crawl(base=live_server.url)
    for width, height in SIZES:
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        _sign_in(page, crawl.base, username)
        if not crawl.pages:
            _discover(page, crawl)
        _check(page, crawl, axe_source, width)
        context.close()

    problems = crawl.problems + [f"html {error}" for error in _nu_errors(crawl, tmp_path)]

    assert len(crawl.pages) >= 20, sorted(crawl.pages)
    assert problems == [], f"{len(problems)} problems:\n" + "\n".join(problems)
