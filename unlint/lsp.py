"""``unlint server``: a Language Server Protocol server over stdio, built on pygls.

Any editor with an LSP client can use it (VS Code, Neovim, Emacs ...; see the README):

* diagnostics when a document is opened or saved, and after each change (debounced: a burst
  of keystrokes is linted once, after half the document's last lint time or ``--debounce``);
* code actions: one quick fix per finding with a safe or unsafe fix, and "Fix all" (kind
  ``source.fixAll.unlint``: the safe fixes, applied until stable);
* hover over a finding: its message and the rule's documentation;
* configuration: the same files as on the command line (``.unlint.yaml`` or ``pyproject.toml``
  found upward from the document's folder), read again for every lint so an edit to the config
  applies at once.

Only documents the client opened are linted, on a worker thread (:class:`Server`); the
transport (:mod:`unlint.lsp_io`) answers what pygls would leave unanswered and survives broken
frames. Positions are converted between unlint's offsets (code points) and the encoding negotiated
with the client (UTF-16 code units unless the client offers another). pygls is imported only
by :func:`main`, so the rest of unlint does not need it.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from unlint import __version__
from unlint.arguments import Parser

DEBOUNCE = 0.3  # seconds after the last change before linting, at most (see Server.delay)
LANGUAGE_FORMATS = {"markdown": "markdown"}  # LSP languageId -> input format, for unsaved documents
SEVERITIES = {"error": 1, "warning": 2, "info": 3}  # lsprotocol DiagnosticSeverity values
FIX_ALL = "source.fixAll.unlint"


def main(argv: list[str]) -> int:
    p = Parser(prog="unlint server", description="Speak the Language Server Protocol over stdio.")
    p.add_argument("--stdio", action="store_true", help="use stdin and stdout (the default and only transport)")
    p.add_argument("--debounce", type=float, default=None, metavar="SECONDS",
                   help="wait this long after the last change before linting (default: half the "
                        f"document's last lint time, between 0.02 and {DEBOUNCE})")
    p.add_argument("--log-file", metavar="FILE", help="write the server's log to FILE")
    args = p.parse_args(argv)
    from unlint.readers import quiet_pdfminer

    quiet_pdfminer()
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError:
        print("unlint: error: the language server needs pygls: pip install pygls", file=sys.stderr)
        return 2
    if args.log_file:
        logging.basicConfig(filename=args.log_file, level=logging.INFO)
    from unlint.lsp_io import Frames, Output

    server = build_server(None if args.debounce is None else max(0.0, args.debounce))
    out = Output(sys.stdout.buffer)
    frames = Frames(sys.stdin.fileno(), out, server.check)
    sys.stdout = sys.stderr  # what a rule or plugin prints must not reach the protocol stream
    server.start_io(frames, out)
    return 0 if frames.shutdown else 1  # LSP: exit after shutdown is 0, anything else 1


# ---- positions: unlint offsets (code points into Source.text) <-> LSP line/character

def _units(text: str, encoding: str) -> int:
    if encoding == "utf-8":
        return len(text.encode("utf-8", "surrogatepass"))
    if encoding == "utf-32":
        return len(text)
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def to_position(source, offset: int, encoding: str = "utf-16") -> tuple[int, int]:
    """(0-based line, character in the client's code units) of an offset."""
    line, column = source.position(offset)
    prefix = source.text[source.line_starts[line - 1] : source.line_starts[line - 1] + column - 1]
    return line - 1, _units(prefix, encoding)


def to_offset(source, line: int, character: int, encoding: str = "utf-16") -> int:
    """The offset of an LSP position (clamped to the line and the text)."""
    starts = source.line_starts
    if line >= len(starts):
        return len(source.text)
    start = starts[max(line, 0)]
    text = source.line_text(line + 1)
    if encoding == "utf-32":
        return start + min(character, len(text))
    units = 0
    for i, char in enumerate(text):
        if units >= character:
            return start + i
        units += _units(char, encoding)
    return start + len(text)


def markdown(document) -> bool:
    """Whether an opened document is Markdown, where a suppression comment can be written."""
    return document.language_id == "markdown" or str(document.path).lower().endswith((".md", ".markdown"))


def changed_blocks(doc, alignment) -> list[tuple[int, int, str]]:
    """(start, end, message) in the original text of each paragraph or note that the document
    changed or added since its base text (``alignment``: ``ctx.alignment``): what the server
    marks with a hint."""
    out = []
    for p in alignment:
        if p.status in ("changed", "added"):
            start, end = doc.canonical.span(p.draft.start, max(p.draft.end, p.draft.start + 1))
            since = f" (was {p.base.label})" if p.base is not None and p.base.label != p.draft.label else ""
            out.append((start, end, f"{p.draft.label} {p.status} since the base text{since}"))
    return out


# ---- the server

def build_server(debounce: float | None = None):
    import asyncio
    import time
    from concurrent.futures import ThreadPoolExecutor

    from lsprotocol import types as T
    from cattrs import transform_error
    from lsprotocol.converters import get_converter
    from pygls.lsp.server import LanguageServer

    from unlint import ruledocs
    from unlint.config import ConfigError, Resolver
    from unlint.context import Context, Runs
    from unlint.diagnostics import Applicability
    from unlint.engine import lint_document, load
    from unlint.fixes import fix_until_stable
    from unlint.plugins import PluginError
    from unlint.source import Source

    class Server(LanguageServer):
        """Lints only the documents the client opened, one at a time on a worker thread, so
        that the event loop keeps answering; a lint superseded by a newer edit is dropped."""

        def __init__(self):
            super().__init__("unlint", __version__, text_document_sync_kind=T.TextDocumentSyncKind.Full)
            self.debounce = debounce  # None: adapted to each document (delay)
            self.lint_time: dict[str, float] = {}  # uri -> seconds its last lint took
            self.pending: dict[str, object] = {}  # uri -> asyncio TimerHandle
            self.results: dict[str, tuple] = {}  # uri -> (version, source, diagnostics, rules, lint)
            self.shown: set[str] = set()  # error messages already shown to the user
            self.runs = Runs()  # one run context per configuration in use (worker thread only)
            self.worker = ThreadPoolExecutor(1, thread_name_prefix="unlint-lint")
            self.latest: dict[str, int] = {}  # uri -> the newest version asked for
            self.base: str | None = None  # initializationOptions "base": the text drafts come from
            self.marks: dict[str, list] = {}  # uri -> (start, end, what) of each block changed from the base

        @property
        def encoding(self) -> str:
            value = self.workspace.position_encoding
            return str(getattr(value, "value", value) or "utf-16")

        def check(self, message: dict) -> None:
            """Raise ValueError when a request's parameters do not validate (lsp_io.Frames)."""
            request_type = T.METHOD_TO_TYPES.get(message["method"], (None,))[0]
            if request_type is None:
                return  # not an LSP method: pygls answers "method not found"
            try:
                converter.structure(message, request_type)
            except Exception as exc:  # noqa: BLE001 - cattrs raises several kinds
                raise ValueError("; ".join(transform_error(exc)) if isinstance(exc, BaseExceptionGroup)
                                 else str(exc)) from None

        async def analysed(self, uri: str):
            """(version, source, diagnostics, rules by code, lint function) of an opened
            document as it is now, linted on the worker thread; None for a document the client
            has not opened (never read from disk). Raises ConfigError or PluginError."""
            if uri not in self.workspace.text_documents:
                return None
            doc = self.workspace.get_text_document(uri)
            snapshot = (uri, doc.version, doc.source, doc.language_id, doc.path)
            cached = self.results.get(uri)
            if cached is not None and cached[0] == doc.version and cached[1].text == doc.source:
                return cached
            self.latest[uri] = doc.version
            return await asyncio.get_running_loop().run_in_executor(self.worker, self.analyse, snapshot)

        def analyse(self, snapshot):
            """Lint one snapshot (worker thread); None when a newer version superseded it."""
            uri, version, text, language_id, doc_path = snapshot
            if self.latest.get(uri) != version:
                return None
            cached = self.results.get(uri)
            if cached is not None and cached[0] == version and cached[1].text == text:
                return cached
            path = Path(doc_path) if uri.startswith("file:") else None
            name = str(path) if path else uri
            source = Source(name, text)
            resolver = Resolver({"base": self.base} if self.base else {})  # new every time: an
            # edited config applies at once
            root = Path(self.workspace.root_path) if self.workspace.root_path else Path.cwd()
            settings = resolver.settings_for_file(path) if path else resolver.settings_for(root)
            fmt = settings.input_format
            if fmt is None and (path is None or not path.suffix):
                fmt = LANGUAGE_FORMATS.get(language_id or "")
            run = self.runs.get(settings)

            def lint(text: str) -> list:
                src = source if text is source.text else Source(name, text)
                return lint_document(load(src, fmt), run)

            began = time.perf_counter()
            doc = load(source, fmt)
            context = Context(doc, run)  # its alignment with the base: computed once
            result = (version, source, lint_document(doc, run, context=context), run.by_code, lint)
            self.lint_time[uri] = time.perf_counter() - began
            self.results[uri] = result
            self.marks[uri] = changed_blocks(doc, context.alignment or ())
            return result

        async def publish(self, uri: str) -> None:
            self.pending.pop(uri, None)
            if uri not in self.workspace.text_documents:
                return
            version = self.workspace.get_text_document(uri).version
            try:
                result = await self.analysed(uri)
                if result is None or uri not in self.workspace.text_documents:
                    return  # superseded or closed
                version, source, diagnostics, _, _ = result
                items = [self.diagnostic(source, d) for d in diagnostics]
                items += [T.Diagnostic(range=self.range(source, a, b), message=what, source="unlint",
                                       severity=T.DiagnosticSeverity.Hint)
                          for a, b, what in self.marks.get(uri, ())]
            except (ConfigError, PluginError) as exc:
                items = [T.Diagnostic(
                    range=T.Range(T.Position(0, 0), T.Position(0, 0)), message=f"unlint: {exc}",
                    severity=T.DiagnosticSeverity.Error, source="unlint")]
                if str(exc) not in self.shown:  # once, not at every keystroke
                    self.shown.add(str(exc))
                    self.window_show_message(T.ShowMessageParams(T.MessageType.Error, f"unlint: {exc}"))
            except Exception as exc:  # noqa: BLE001 - keep serving; say what failed
                logging.exception("linting %s failed", uri)
                items = []
                self.window_show_message(T.ShowMessageParams(T.MessageType.Error,
                                                             f"unlint: linting failed: {exc!r}"))
            self.text_document_publish_diagnostics(
                T.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=items))

        def delay(self, uri: str) -> float:
            """Seconds to wait after a change before linting: ``--debounce`` when given, else
            half the document's last lint time, between 0.02 and DEBOUNCE. A burst of
            keystrokes is linted once, and a document that lints in 60 ms shows its findings
            about 90 ms after the last keystroke instead of a fixed 300 ms plus the lint."""
            if self.debounce is not None:
                return self.debounce
            if uri not in self.lint_time:
                return DEBOUNCE
            return min(DEBOUNCE, max(0.02, self.lint_time[uri] / 2))

        def schedule(self, uri: str, delay: float) -> None:
            handle = self.pending.pop(uri, None)
            if handle is not None:
                handle.cancel()
            if uri in self.workspace.text_documents:
                self.latest[uri] = self.workspace.get_text_document(uri).version
            loop = asyncio.get_running_loop()
            self.pending[uri] = loop.call_later(delay, lambda: asyncio.ensure_future(self.publish(uri)))

        def range(self, source, start: int, end: int):
            a = to_position(source, start, self.encoding)
            b = to_position(source, end, self.encoding)
            return T.Range(T.Position(*a), T.Position(*b))

        def diagnostic(self, source, d):
            page = ruledocs.uri(d.code)
            return T.Diagnostic(range=self.range(source, d.start, d.end), message=d.message,
                                severity=T.DiagnosticSeverity(SEVERITIES[d.severity.value]),
                                code=d.code, source="unlint",
                                code_description=T.CodeDescription(href=page) if page else None)

        def edits(self, source, fix) -> list:
            return [T.TextEdit(range=self.range(source, e.start, e.end), new_text=e.content) for e in fix.edits]

    converter = get_converter()
    server = Server()

    @server.feature(T.INITIALIZE)
    def initialize(ls: Server, params: T.InitializeParams):
        options = params.initialization_options
        base = options.get("base") if isinstance(options, dict) else None
        if isinstance(base, str) and base:
            root = Path(ls.workspace.root_path) if ls.workspace.root_path else Path.cwd()
            ls.base = str(root / base)  # a path relative to the workspace, or absolute

    @server.feature(T.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: Server, params: T.DidOpenTextDocumentParams):
        ls.schedule(params.text_document.uri, 0)

    @server.feature(T.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: Server, params: T.DidChangeTextDocumentParams):
        ls.schedule(params.text_document.uri, ls.delay(params.text_document.uri))

    @server.feature(T.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: Server, params: T.DidSaveTextDocumentParams):
        ls.results.pop(params.text_document.uri, None)  # the config may have changed with it
        ls.schedule(params.text_document.uri, 0)

    @server.feature(T.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: Server, params: T.DidCloseTextDocumentParams):
        uri = params.text_document.uri
        handle = ls.pending.pop(uri, None)
        if handle is not None:
            handle.cancel()
        ls.results.pop(uri, None)
        ls.latest.pop(uri, None)
        ls.lint_time.pop(uri, None)
        ls.text_document_publish_diagnostics(T.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(T.TEXT_DOCUMENT_CODE_ACTION, T.CodeActionOptions(
        code_action_kinds=[T.CodeActionKind.QuickFix, FIX_ALL], resolve_provider=False))
    async def code_action(ls: Server, params: T.CodeActionParams):
        uri = params.text_document.uri
        try:
            result = await ls.analysed(uri)
        except (ConfigError, PluginError):
            return []
        if result is None:
            return []
        _, source, diagnostics, _, lint = result
        only = params.context.only
        actions = []
        if not only or any(k in (T.CodeActionKind.QuickFix, "quickfix") for k in only):
            start = to_offset(source, params.range.start.line, params.range.start.character, ls.encoding)
            end = to_offset(source, params.range.end.line, params.range.end.character, ls.encoding)
            for d in diagnostics:
                if d.fix is None or d.fix.applicability is Applicability.DISPLAY:
                    continue
                if d.start > end or d.end < start:
                    continue
                unsafe = " (unsafe)" if d.fix.applicability is Applicability.UNSAFE else ""
                actions.append(T.CodeAction(
                    title=f"{d.fix.title} [{d.code}]{unsafe}", kind=T.CodeActionKind.QuickFix,
                    diagnostics=[ls.diagnostic(source, d)], is_preferred=not unsafe,
                    edit=T.WorkspaceEdit(changes={uri: ls.edits(source, d.fix)})))
            if markdown(ls.workspace.get_text_document(uri)):
                for d in diagnostics:
                    if d.start > end or d.end < start or d.code.startswith("UL"):
                        continue
                    line = source.position(d.start)[0] - 1
                    at = T.Position(line, 0)
                    actions.append(T.CodeAction(
                        title=f"unlint: disable {d.code} on this line", kind=T.CodeActionKind.QuickFix,
                        diagnostics=[ls.diagnostic(source, d)],
                        edit=T.WorkspaceEdit(changes={uri: [T.TextEdit(
                            range=T.Range(at, at), new_text=f"<!-- unlint-disable-next-line {d.code} -->\n")]})))
        if not only or any(FIX_ALL.startswith(str(k)) for k in only):
            fixed = await asyncio.get_running_loop().run_in_executor(
                ls.worker, lambda: fix_until_stable(source.text, lint, diagnostics=diagnostics))
            if fixed.applied:
                old, new = source.text, fixed.text
                head = 0
                while head < min(len(old), len(new)) and old[head] == new[head]:
                    head += 1
                tail = 0
                while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
                    tail += 1
                edit = T.TextEdit(range=ls.range(source, head, len(old) - tail), new_text=new[head : len(new) - tail])
                actions.append(T.CodeAction(title=f"unlint: fix all ({fixed.applied} safe fixes)", kind=FIX_ALL,
                                            edit=T.WorkspaceEdit(changes={uri: [edit]})))
        return actions

    @server.feature(T.TEXT_DOCUMENT_HOVER)
    async def hover(ls: Server, params: T.HoverParams):
        try:
            result = await ls.analysed(params.text_document.uri)
        except (ConfigError, PluginError):
            return None
        if result is None:
            return None
        _, source, diagnostics, rules, _ = result
        at = to_offset(source, params.position.line, params.position.character, ls.encoding)
        found = [d for d in diagnostics if d.start <= at < d.end or d.start == d.end == at]
        if not found:
            return None
        parts = []
        for d in found:
            r = rules.get(d.code)
            text = f"**{d.code}** `{d.rule}` ({d.severity.value}): {d.message}"
            if d.fix is not None:
                text += f"\n\nFix ({d.fix.applicability.value}): {d.fix.title}"
            if r is not None:
                text += f"\n\n---\n\n{r.doc}"
            parts.append(text)
        first = min(found, key=lambda d: d.start)
        return T.Hover(contents=T.MarkupContent(kind=T.MarkupKind.Markdown, value="\n\n***\n\n".join(parts)),
                       range=ls.range(source, first.start, first.end))

    return server
