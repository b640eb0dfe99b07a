"""``--format html``: a self-contained page, checked as HTML here and in a real headless browser
(Debian's chromium, driven over the DevTools protocol on a pipe: no extra package).

The browser test opens the page, checks that every finding is highlighted on the right line
around exactly the flagged text, that the list groups findings by severity and rule and shows
the fixes, that the filters hide findings and their highlights, that document text with
``<script>`` and event handlers stays text, and keeps a screenshot as a test artefact
(``build/test-artifacts/html-report.png``, or ``$UNLINT_TEST_ARTIFACTS``). It is skipped, with
the reason, only when no chromium is installed (``.ci/run`` installs it).
"""

from __future__ import annotations

import base64
import json
import os
import queue
import shutil
import subprocess
import threading
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

from unlint.cli import main
from unlint.diagnostics import Diagnostic, Edit, Fix, Severity
from unlint.output import html as html_output
from unlint.source import Source, Unit

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
ARTIFACTS = Path(os.environ.get("UNLINT_TEST_ARTIFACTS") or ROOT / "build" / "test-artifacts")
TIMEOUT = 30.0

DRAFT = """# Draft resolution

*The General Assembly,*

*Recalling* its resolution <script>window.__unlint_injected = 1</script> of 2015 — ‘𝒞’.

1. *Decides* to proclaim TODO 5 September the International Day of Charity 😀.

2. *Requests* the Secretary-General <img src=x onerror="window.__unlint_injected = 2"> to report FIXME;
"""


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(FIXTURES / "plugins"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".unlint.yaml").write_text("plugins: [unlint_demo_rules]\nselect: [TD, ST002, ST003]\n",
                                           encoding="utf-8")
    (tmp_path / "draft.md").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "clean.md").write_bytes((FIXTURES / "clean.md").read_bytes())
    return tmp_path


class Page(HTMLParser):
    """The tags and text of a page: enough to check structure and escaping without a browser."""

    def __init__(self, text: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.data: list[str] = []
        self.scripts = 0
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self.scripts += tag == "script"

    def handle_data(self, data):
        self.data.append(data)


def test_page_is_self_contained_and_escapes_the_document(project, capsys):
    assert main(["--format", "html", "-o", "report.html", "draft.md", "clean.md"]) == 1
    assert capsys.readouterr().out == ""
    text = (project / "report.html").read_text(encoding="utf-8")
    page = Page(text)
    assert page.scripts == 1  # ours; the document's <script> is text
    assert not [t for t, a in page.tags if t == "img"]
    assert "&lt;script&gt;window.__unlint_injected = 1&lt;/script&gt;" in text
    assert "onerror=&quot;window.__unlint_injected = 2&quot;" in text
    links = [a["href"] for t, a in page.tags if (a.get("href") or "#").split("#")[0]]
    assert not [a for t, a in page.tags if a.get("src")]
    assert not [h for h in links if not (h.startswith("file://") and h.endswith(".md"))]  # only rule pages
    assert {Path(h.removeprefix("file://")).name for h in links} == {"ST002.md", "ST003.md"}  # not the plugin's
    assert all(Path(h.removeprefix("file://")).is_file() for h in links)
    marks = [a for t, a in page.tags if t == "mark"]
    findings = [a for t, a in page.tags if t == "li" and a.get("class") == "finding"]
    assert {f["data-code"] for f in findings} == {"ST002", "ST003", "TD001", "TD002"}
    assert {i for m in marks for i in m["data-ids"].split()} == {f["data-id"] for f in findings}
    assert [a["value"] for t, a in page.tags if a.get("data-filter") == "sev"] == ["error", "warning", "info"]
    sections = [a for t, a in page.tags if t == "details" and "open" in a]
    assert len([a for t, a in page.tags if t == "section"]) == 2 and len(sections) == 5  # clean.md folded


def test_overlapping_and_empty_spans_and_control_characters():
    source = Source("a.txt", "one two three\x0cfour\n")
    ds = [Diagnostic("XX001", "x", Severity.ERROR, "a", 0, 7),
          Diagnostic("XX002", "y", Severity.INFO, "b", 4, 13, Fix("t", (Edit(4, 7, "2"),))),
          Diagnostic("XX003", "z", Severity.WARNING, "c", 3, 3)]
    page = html_output.render([(source, ds)])
    line = page.split('<li id="f0-L1">', 1)[1].split("</li>", 1)[0]
    assert line == (
        '<span class="ln">1</span><span class="tx">'
        '<mark class="hl" data-sev="error" data-ids="f0d0" title="XX001 a">one</mark>'
        '<mark class="hl point" data-sev="warning" data-ids="f0d2" title="XX003 c"></mark>'
        '<mark class="hl" data-sev="error" data-ids="f0d0" title="XX001 a"> </mark>'
        '<mark class="hl" data-sev="error" data-ids="f0d0 f0d1" title="XX001 a&#10;XX002 b">two</mark>'
        '<mark class="hl" data-sev="info" data-ids="f0d1" title="XX002 b"> three</mark>\u240cfour</span>')
    assert '<del>two</del><ins>2</ins>' in page


def test_positions_in_a_pdf_are_page_and_line():
    source = Source("a.pdf", "page one\nsecond line\npage two\n", kind="pdf",
                    units=(Unit(0, "page", "1"), Unit(21, "page", "2")))
    ds = [Diagnostic("XX001", "x", Severity.ERROR, "a", 26, 29)]  # "two": page 2, line 1
    assert '<a class="pos" href="#f0d0">p2:1:6</a>' in html_output.render([(source, ds)])


# ---- a real browser

def find_browser() -> str | None:
    for name in (os.environ.get("UNLINT_TEST_BROWSER"), "chromium", "chromium-browser", "google-chrome"):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


class Browser:
    """Chromium driven over the DevTools protocol on a pipe (fd 3 in, fd 4 out, NUL-separated JSON)."""

    def __init__(self, binary: str, profile: Path):
        to_browser_r, self.to_browser = os.pipe()
        self.from_browser, from_browser_w = os.pipe()

        def fds():
            os.dup2(to_browser_r, 3)
            os.dup2(from_browser_w, 4)

        self.proc = subprocess.Popen(
            [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
             "--hide-scrollbars", "--mute-audio", f"--user-data-dir={profile}", "--remote-debugging-pipe",
             "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=fds, pass_fds=(3, 4))
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.inbox: queue.Queue = queue.Queue()
        self.events: list[dict] = []
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]

    def _read(self):
        buffer = b""
        while True:
            chunk = os.read(self.from_browser, 1 << 16)
            if not chunk:
                self.inbox.put(None)
                return
            buffer += chunk
            *messages, buffer = buffer.split(b"\0")
            for message in messages:
                self.inbox.put(json.loads(message))

    def call(self, method: str, params: dict | None = None, session: bool = False) -> dict:
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self.session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + TIMEOUT
        while True:
            reply = self._next(deadline)
            if reply.get("id") == self.next_id:
                assert "error" not in reply, reply["error"]
                return reply["result"]
            self.events.append(reply)

    def _next(self, deadline: float) -> dict:
        try:
            reply = self.inbox.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise AssertionError("the browser did not answer in time") from None
        assert reply is not None, "the browser exited"
        return reply

    def wait_event(self, method: str) -> dict:
        deadline = time.monotonic() + TIMEOUT
        for i, event in enumerate(self.events):
            if event.get("method") == method:
                return self.events.pop(i)
        while True:
            event = self._next(deadline)
            if event.get("method") == method:
                return event
            self.events.append(event)

    def eval(self, expression: str):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True}, session=True)
        assert "exceptionDetails" not in result, result["exceptionDetails"]
        return result["result"].get("value")

    def close(self):
        try:
            self.call("Browser.close")
        except (AssertionError, OSError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)
        for fd in (self.to_browser, self.from_browser):
            try:
                os.close(fd)
            except OSError:
                pass


@pytest.fixture
def browser(tmp_path):
    binary = find_browser()
    if binary is None:
        pytest.skip("no headless browser: install Debian's chromium (apt-get install chromium), "
                    "as .ci/run does, or set UNLINT_TEST_BROWSER")
    b = Browser(binary, tmp_path / "profile")
    yield b
    b.close()


FINDINGS_JS = """
Array.from(document.querySelectorAll("li.finding")).map(function (li) {
  var marks = Array.from(document.querySelectorAll("mark.hl")).filter(function (m) {
    return m.dataset.ids.split(" ").indexOf(li.dataset.id) >= 0; });
  return {id: li.dataset.id, code: li.dataset.code, sev: li.dataset.sev,
          pos: li.querySelector("a.pos").textContent, hidden: li.hidden,
          fix: (li.querySelector(".fix") || {}).textContent || null,
          text: marks.map(function (m) { return m.textContent; }).join(""),
          lines: marks.map(function (m) { return m.closest("li").id; }),
          off: marks.every(function (m) { return m.classList.contains("off"); }),
          inDoc: marks.every(function (m) {
            var r = m.getBoundingClientRect(), d = m.closest("ol.doc").getBoundingClientRect();
            return r.left >= d.left && r.right <= d.right; })};
})
"""


def test_report_in_a_real_browser(project, browser, capsys):
    assert main(["--format", "json", "draft.md"]) == 1
    expected = json.loads(capsys.readouterr().out)["files"][0]["diagnostics"]
    lines = DRAFT.splitlines()
    assert main(["--format", "html", "-o", "report.html", "draft.md", "clean.md"]) == 1

    browser.call("Page.enable", session=True)
    browser.call("Emulation.setDeviceMetricsOverride", {"width": 1400, "height": 900, "deviceScaleFactor": 1,
                                                        "mobile": False}, session=True)
    browser.call("Page.navigate", {"url": (project / "report.html").as_uri()}, session=True)
    browser.wait_event("Page.loadEventFired")

    # the document is there, escaped: no injected script ran, its text is shown as text
    assert browser.eval("window.__unlint_injected === undefined") is True
    assert browser.eval("document.scripts.length") == 1
    assert browser.eval("document.querySelectorAll('#f0-doc > li').length") == len(lines)
    doc_text = browser.eval("Array.from(document.querySelectorAll('#f0-doc .tx')).map(e => e.textContent).join('\\n')")
    assert doc_text == DRAFT.rstrip("\n")

    # every finding is in the list and highlighted around exactly its text, on its line
    found = {f["pos"] + " " + f["code"]: f for f in browser.eval(FINDINGS_JS)}
    assert len(found) == len(expected) == 5
    for d in expected:
        f = found[f"{d['line']}:{d['column']} {d['code']}"]
        assert d["line"] == d["end_line"]
        assert f["text"] == lines[d["line"] - 1][d["column"] - 1 : d["end_column"] - 1], d
        assert set(f["lines"]) == {f"f0-L{d['line']}"} and f["inDoc"] and not f["off"]
        assert f["sev"] == d["severity"]
        if d["fix"]:
            assert d["fix"]["title"] in f["fix"]
    assert {f["text"] for f in found.values()} >= {"TODO", "FIXME", ".", ";"}

    # the list: grouped by severity, then rule
    groups = browser.eval("Array.from(document.querySelectorAll('#f0 details.group')).map("
                          "g => g.dataset.sev + ' ' + g.dataset.code + ' ' + g.querySelector('.count').textContent)")
    assert groups == ["error ST002 2", "error ST003 1", "warning TD001 1", "info TD002 1"]

    # filters: severity, rule, and the search box hide findings and their highlights together
    def click(selector):
        browser.eval(f"document.querySelector({json.dumps(selector)}).click()")

    def visible():
        return sorted(f["code"] for f in browser.eval(FINDINGS_JS) if not f["hidden"] and not f["off"])

    assert browser.eval("document.body.dataset.visible") == "5"
    click('input[data-filter="sev"][value="error"]')
    assert visible() == ["TD001", "TD002"]
    assert browser.eval("document.querySelectorAll('details.group[hidden]').length") == 2
    click('input[data-filter="rule"][value="TD002"]')
    assert visible() == ["TD001"]
    click('input[data-filter="sev"][value="error"]')
    assert visible() == ["ST002", "ST002", "ST003", "TD001"]
    browser.eval("var s = document.getElementById('search'); s.value = 'preambular';"
                 "s.dispatchEvent(new Event('input'))")
    assert visible() == ["ST003"]
    browser.eval("var s = document.getElementById('search'); s.value = ''; s.dispatchEvent(new Event('input'))")
    click('input[data-filter="rule"][value="TD002"]')
    assert browser.eval("document.body.dataset.visible") == "5"

    # clicking a finding shows its highlight; clicking a highlight selects its finding
    todo = found[[k for k in found if k.endswith("TD001")][0]]["id"]
    click(f"li#{todo} a.pos")
    assert browser.eval("document.querySelectorAll('mark.flash').length") == 1
    browser.eval(f"Array.from(document.querySelectorAll('mark.hl')).find(m => m.dataset.ids === '{todo}').click()")
    assert browser.eval("Array.from(document.querySelectorAll('li.finding.selected')).map(l => l.id)") == [todo]

    # the clean file is folded; the screenshot is kept
    assert browser.eval("document.querySelector('#f1 details').open") is False
    shot = browser.call("Page.captureScreenshot", {"format": "png"}, session=True)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    image = base64.b64decode(shot["data"])
    assert image.startswith(b"\x89PNG") and len(image) > 10_000
    (ARTIFACTS / "html-report.png").write_bytes(image)
    shutil.copy(project / "report.html", ARTIFACTS / "html-report.html")
