"""Lint the files of a run: find them, lint each one (through the cache, fixed until stable when
asked), here or in a pool of processes. The command line (:mod:`unlint.cli`) reports the outcomes.

* :func:`files`: the files that a run's paths name, each once, folders walked in order;
* :func:`lint_one`: the :class:`Linted` outcome of one file, or the one-line message of what
  went wrong;
* :func:`check`: lint one decoded file; with a fix plan, fix it until stable, write or diff it;
* :func:`outcomes`: the outcome of every file in order, linted here or by ``jobs`` processes.

A :class:`Plan` says what a run does to each file besides reporting; it carries the run's
:class:`~unlint.context.Runs` (one run context per distinct settings). A pool process works with
its own copy of the plan, made when the process starts, and so builds its run contexts once for
all the files it lints. What a pool process keeps between files is the local state of
:func:`_serve`, the loop it runs: nothing at module level.

Only the standard library is imported at start-up; the readers, the engine and the cache load
when a file is linted.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

EXTENSIONS = (".md", ".markdown", ".txt", ".pdf", ".docx")
STDIN = "-"
OUT_OF_MEMORY = "out of memory while reading or linting it (the memory unlint may use is limited: ulimit -v)"
AHEAD = 2  # files sent to a pool process at a time: it starts the next while its outcome travels


# ---- the files of a run

NOT_FOUND = "no such file or folder"


def files(paths: list[str], on_error):
    """The files to lint, in order, each once: explicit files as given, directories walked;
    ``on_error(path, problem)`` hears of each path that cannot be read."""
    seen_files: set[str] = set()
    seen_dirs: set[tuple[int, int]] = set()
    for path in paths:
        if path == STDIN:
            found = [STDIN]
        elif os.path.isdir(path):
            found = _walk(path, seen_dirs, on_error)
        elif os.path.lexists(path):
            found = [path]
        else:
            on_error(path, NOT_FOUND)
            continue
        for name in found:
            if name not in seen_files:
                seen_files.add(name)
                yield name


def _walk(top: str, seen: set, on_error):
    """Files with a known extension under ``top``, sorted; hidden folders skipped; symlinked
    folders followed once (a loop ends when a folder comes round again)."""
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            st = os.stat(folder)
            if (st.st_dev, st.st_ino) in seen:
                continue
            seen.add((st.st_dev, st.st_ino))
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            on_error(folder, exc.strerror or str(exc))
            continue
        subfolders = []
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                if not entry.name.startswith("."):
                    subfolders.append(os.path.normpath(entry.path))
            elif entry.name.lower().endswith(EXTENSIONS):
                yield os.path.normpath(entry.path)
        stack.extend(reversed(subfolders))


def read_stdin() -> bytes:
    """Standard input, up to the size of file unlint reads (``unlint - < /dev/zero`` ends)."""
    from unlint.source import MAX_FILE_BYTES, InputError

    stream = sys.stdin
    limit = MAX_FILE_BYTES + 1
    data = stream.buffer.read(limit) if hasattr(stream, "buffer") else stream.read(limit).encode("utf-8")
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"standard input too large (unlint reads up to {MAX_FILE_BYTES // 1_000_000} MB)")
    return data


# ---- one file

@dataclass
class Plan:
    """What a run does to each file besides reporting."""

    fix: str | None = None  # None, "safe" or "unsafe": the fixes to apply
    citations: bool = False  # list the citations (`unlint citations`) instead of linting
    write: bool = False  # write the fixed text back (--fix) or only show it (--diff)
    baseline: object | None = None  # unlint.baseline.Baseline: report only new findings
    cache: object | None = None  # unlint.cache.Cache: diagnostics of unchanged files (not with fixes)
    roots: tuple[str, ...] | None = None  # real paths of the folders --fix may change (None: any)
    word: str | None = None  # --format docx: "comments", or the fixes to write as tracked changes
    only_changed: bool = False  # with a base text: only the findings in added or changed blocks
    runs: object = field(default_factory=lambda: new_runs())  # unlint.context.Runs of this run

    def __getstate__(self):  # a copy in another process builds its own run contexts
        return {**self.__dict__, "runs": None}

    def __setstate__(self, state):
        self.__dict__.update(state, runs=new_runs())


def new_runs():
    """An empty :class:`unlint.context.Runs` (imported only when a file is linted)."""
    from unlint.context import Runs

    return Runs()


@dataclass
class Linted:
    """The outcome of one file: the source and findings to report (after any fix)."""

    source: object
    diagnostics: list
    settings: object
    applied: int = 0  # fixes applied (or that --diff would apply)
    diff: str = ""
    known: int = 0  # findings hidden because the baseline holds them
    notes: list[str] = field(default_factory=list)  # warnings for stderr
    error: str | None = None  # the fixes could not be written (exit status 2)
    listing: str = ""  # `unlint citations`: the citations found
    cited: frozenset = frozenset()  # `unlint learn`: (number, date) of the Assembly resolutions cited
    reviewed: bytes | None = None  # --format docx: the reviewed copy of the Word file


def lint_one(path: str, name: str, folder: Path, resolver, plan: Plan | None = None):
    """The :class:`Linted` outcome of one file, or the one-line message of what went wrong."""
    from unlint.config import ConfigError
    from unlint.knowledge import KnowledgeError
    from unlint.plugins import PluginError
    from unlint.readers import read_bytes
    from unlint.source import InputError, decode, read_file

    try:
        if path == STDIN and name == "<stdin>":  # no --stdin-filename: the config of the current folder
            settings = resolver.settings_for(folder)
        else:  # per-file-ignores match the file's name (or the name given with --stdin-filename)
            settings = resolver.settings_for_file(Path(name))
    except ConfigError as exc:
        return str(exc)
    try:
        data = read_stdin() if path == STDIN else read_file(path)  # a pipe or /dev/zero is refused
        plan = plan or Plan()
        hit = None  # a file seen before: found from its bytes, before any reader runs
        if plan.cache is not None and plan.fix is None and not plan.citations and path != STDIN:
            hit = plan.cache.lookup(resolver.config_for(folder), name, data, settings)
        if hit is not None:  # the reading is not needed: the findings are known
            source, reading = hit.source or decode(name, data), None
        else:
            source, reading = read_bytes(name, data, settings.input_format)
    except (InputError, OSError, MemoryError) as exc:
        return failure(name, exc)
    try:
        return check(path, source, reading, data, settings, plan, resolver.config_for(folder),
                     hit.diagnostics if hit is not None else None)
    except ConfigError as exc:  # a code no rule has (unlint.context)
        config = resolver.config_for(folder)
        from unlint.config import shown

        return f"{shown(config)}: {exc}" if config else str(exc)
    except PluginError as exc:
        from unlint.config import shown

        config = resolver.config_for(folder)
        return f"{shown(config)}: {exc}" if config else str(exc)
    except KnowledgeError as exc:  # a broken rule pack: the user's to fix, not a bug
        return pack_error(str(exc), settings)
    except (MemoryError, SystemError) as exc:
        return failure(name, exc)
    except Exception as exc:  # noqa: BLE001 - a bug in unlint or a plugin: one line, not a traceback
        if os.environ.get("UNLINT_DEBUG"):
            raise
        return failure(name, exc)


def failure(name: str, exc: BaseException) -> str:
    """The one line that says why the file ``name`` was not linted (the command line's and the
    library's, :mod:`unlint.api`)."""
    from unlint.source import InputError

    if isinstance(exc, InputError):  # "3:2: invalid UTF-8 ..." reads as "path:3:2: invalid ..."
        return f"{name}{':' if str(exc)[:1].isdigit() else ': '}{exc}"
    if isinstance(exc, OSError):
        return f"{name}: {exc.strerror or exc}"
    if isinstance(exc, MemoryError):
        return f"{name}: {OUT_OF_MEMORY}"
    if isinstance(exc, SystemError):  # what CPython raises when memory runs out inside C code
        return f"{name}: {OUT_OF_MEMORY}, or a fault in a compiled library ({exc})"
    return f"{name}: internal error: {exc!r}; please report it (UNLINT_DEBUG=1 shows the traceback)"


def pack_error(message: str, settings) -> str:
    """A rule pack's error (``/abs/pack.yaml:3:5: problem``) with the pack's path as messages
    show a config file: relative to the current folder when inside it (``pack.yaml:3:5: ...``)."""
    from unlint.config import shown

    for pack in settings.packs:
        if message.startswith(f"{pack}:"):
            return shown(Path(pack)) + message[len(pack):]
    return message


def check(path: str, source, reading, data: bytes, settings, plan: Plan,
          config: Path | None = None, cached: list | None = None) -> Linted:
    """Lint one decoded file; with a fix plan, fix it until stable and write or diff it.

    Without one, the diagnostics of a file seen before come from the cache (``config``: the
    config file that applies, whose folder holds the cache), and the engine is not even loaded;
    ``cached``: those diagnostics, already looked up (with the Source, before reading the file);
    ``reading``: the file's reading (None when the Source came from the cache).
    """
    from unlint.source import Source

    if plan.citations:
        from unlint.analysis.citations import find_citations, format_citations
        from unlint.analysis.record import assembly_dates
        from unlint.parse import parse

        doc = parse(source, reading)
        return Linted(source, [], settings, listing=format_citations(doc),
                      cited=frozenset(assembly_dates(find_citations(doc))))
    if plan.word is not None:
        return _review(source, reading, data, settings, plan)
    formats: list[str] = []
    contexts: list = []  # the Context of the document linted (its alignment: --only-changed)
    known = [0]

    cache = plan.cache if plan.fix is None and path != STDIN else None
    if cache is not None:
        folder = cache.folder(config)
        key = cache.key(source.path, data, settings)

    def lint(text: str) -> list:
        src = source if text is source.text else Source(source.path, text, source.has_bom, source.encoding)
        found = None
        if cache is not None:
            found = cached if cached is not None else cache.get(folder, key)
        if found is None:
            from unlint.context import Context
            from unlint.engine import lint_document
            from unlint.parse import parse
            from unlint.readers import read

            doc = parse(src, reading if src is source else read(src, settings.input_format))
            formats.append(doc.format)
            run = plan.runs.get(settings)
            contexts.append(Context(doc, run))  # its analyses, for --only-changed too
            found = lint_document(doc, run, context=contexts[-1])
            if cache is not None:
                cache.put(folder, key, found, source)
        if plan.baseline is not None:
            found, known[0] = plan.baseline.new_findings(src, found)
        return found

    diagnostics = lint(source.text)
    if plan.only_changed and contexts:
        diagnostics = _in_changes(contexts[0], diagnostics)
    if plan.fix is None:
        return Linted(source, diagnostics, settings, known=known[0])
    from unlint import fixes

    if formats[0] == "pdf-text" or not fixes.writable(source, data):  # its fixes are display-only
        out = Linted(source, diagnostics, settings, known=known[0])
        if source.kind == "docx" and any(d.fix is not None for d in diagnostics):
            out.notes.append(f"{source.path}: a Word file is fixed in a copy, as tracked changes: "
                             f"unlint --fix --format docx -o reviewed.docx {source.path}")
        elif not fixes.writable(source, data) and any(d.fix is not None for d in diagnostics):
            out.notes.append(f"{source.path}: fixes are shown, not applied: the text was extracted "
                             "(from a PDF or another format), it is not the file's own text")
        return out
    result = fixes.fix_until_stable(source.text, lint, plan.fix == "unsafe", diagnostics=diagnostics)
    fixed = Source(source.path, result.text, source.has_bom, source.encoding) if result.applied else source
    out = Linted(fixed, result.diagnostics, settings, result.applied, known=known[0])
    if not result.converged:
        out.notes.append(f"{source.path}: the fixes did not converge after {result.passes} passes; "
                         "the findings that remain are reported")
    if not result.applied:
        return out
    if not plan.write:
        out.diff = fixes.unified_diff(source.path, source.text, result.text)
        return out
    if path == STDIN:  # refused before linting; kept as a guard
        raise ValueError("cannot write fixes to standard input")
    from unlint.safewrite import WriteError, replace_file

    try:
        replace_file(path, fixes.encode(result.text, source, data), expect=data, within=plan.roots)
    except WriteError as exc:
        return Linted(source, diagnostics, settings, known=known[0], error=f"{source.path}: {exc}")
    return out


def _in_changes(context, diagnostics: list) -> list:
    """The diagnostics in the blocks the draft added or changed from its base text, and what the
    change broke (CP: in the blocks it kept); a finding outside every block (the header) stays.
    ``context``: the draft's Context, whose alignment the CP rules computed already."""
    from bisect import bisect_right

    if context.alignment is None:
        return diagnostics
    doc = context.doc
    blocks = sorted((*doc.canonical.span(p.draft.start, max(p.draft.end, p.draft.start + 1)), p.status)
                    for p in context.alignment if p.draft is not None)
    starts = [start for start, _, _ in blocks]
    out = []
    for d in diagnostics:
        i = bisect_right(starts, d.start) - 1
        inside = i >= 0 and d.start < blocks[i][1]
        if not inside or blocks[i][2] in ("changed", "added") or d.code.startswith("CP"):
            out.append(d)
    return out


def _review(source, reading, data: bytes, settings, plan: Plan) -> Linted:
    """--format docx: the findings of a Word file, its fixes as the rules made them, and the
    reviewed copy (:func:`unlint.output.word.review`)."""
    if source.kind != "docx":
        return Linted(source, [], settings, error=f"{source.path}: --format docx reviews a Word "
                                                  f"file (.docx); this is not one")
    from unlint.engine import lint_document
    from unlint.output.word import review
    from unlint.parse import parse

    diagnostics = lint_document(parse(source, reading), plan.runs.get(settings), tracked=True)
    known = 0
    if plan.baseline is not None:
        diagnostics, known = plan.baseline.new_findings(source, diagnostics)
    fix = None if plan.word == "comments" else plan.word
    from unlint.source import InputError

    try:
        reviewed, written = review(source.path, data, diagnostics, fix)
    except InputError as exc:
        return Linted(source, [], settings, error=f"{source.path}: {exc}")
    return Linted(source, diagnostics, settings, applied=written, known=known, reviewed=reviewed)


# ---- every file of a run, here or in a pool of processes

def outcomes(tasks, resolver, plan: Plan, jobs: int):
    """The outcome of each (path, name, folder) task, in the order of the tasks (a task that is
    a message, a path that could not be read, is passed on). With ``jobs`` above 1 the files
    are linted by a pool of processes (standard input by this one); a file whose outcome cannot
    come back from the pool (a process died) is linted here."""
    if jobs > 1:
        tasks = list(tasks)
        jobs = min(jobs, sum(1 for task in tasks if _pooled(task)))
    if jobs <= 1:
        for task in tasks:
            yield task if isinstance(task, str) else lint_one(*task, resolver, plan)
        return
    pool = _Pool(jobs, resolver, plan)
    finished = False
    try:
        yield from pool.outcomes(tasks)
        finished = True
    finally:
        pool.close(finished)


def _pooled(task) -> bool:
    return not isinstance(task, str) and task[0] != STDIN


@dataclass
class _Failure:
    """What a pool process sends back instead of an outcome it could not make or send."""

    message: str


def _serve(conn, resolver, plan: Plan) -> None:
    """The loop of a pool process: lint each (path, name, folder) that comes over ``conn`` and
    send back its outcome, until None comes. ``plan`` is the process's own copy: the run
    contexts it holds are built once, for all the files this process lints."""
    import signal
    import traceback

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the main process, which ends the pool
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):  # the main process is gone
            return
        if task is None:
            return
        try:
            outcome = lint_one(*task, resolver, plan)
        except Exception as exc:  # noqa: BLE001 - only with UNLINT_DEBUG: lint_one catches the rest
            outcome = _Failure("".join(traceback.format_exception(exc)))
        try:
            conn.send(outcome)  # pickled whole before anything is sent
        except OSError:
            return
        except Exception as exc:  # noqa: BLE001 - an outcome that cannot be pickled
            try:
                conn.send(_Failure(f"the outcome of {task[1]} cannot be sent back: {exc!r}"))
            except OSError:
                return


class _Worker:
    """A pool process, the pipe to it and the tasks it was sent (their indices, in order)."""

    def __init__(self, process, conn):
        self.process = process
        self.conn = conn
        self.sent: deque[int] = deque()
        self.alive = True


class _Pool:
    """``jobs`` processes (:func:`_serve`), each sent at most :data:`AHEAD` files at a time, the
    next as soon as one comes back, so that a slow file holds up no other."""

    def __init__(self, jobs: int, resolver, plan: Plan):
        import multiprocessing

        self.resolver, self.plan = resolver, plan
        self.workers: list[_Worker] = []
        for _ in range(jobs):
            here, there = multiprocessing.Pipe()
            process = multiprocessing.Process(target=_serve, args=(there, resolver, plan), daemon=True)
            try:
                process.start()
            except OSError:  # no more processes: fewer workers, or none (all linted here)
                here.close()
                break
            finally:
                there.close()
            self.workers.append(_Worker(process, here))

    def outcomes(self, tasks: list):
        waiting = deque(i for i, task in enumerate(tasks) if _pooled(task))
        done: dict[int, object] = {}
        for i, task in enumerate(tasks):
            if isinstance(task, str):
                yield task
                continue
            while _pooled(task) and i not in done and self._send(tasks, waiting, done):
                self._receive(done)
            outcome = done.pop(i, None)
            if isinstance(outcome, _Failure) and os.environ.get("UNLINT_DEBUG"):
                raise RuntimeError(f"a pool process could not lint {task[1]}: {outcome.message}")
            if outcome is None or isinstance(outcome, _Failure):  # standard input, or lost
                outcome = lint_one(*task, self.resolver, self.plan)
            yield outcome

    def _send(self, tasks: list, waiting: deque, done: dict) -> bool:
        """Send each live process its next files; False when no process has any to do."""
        for worker in self.workers:
            while worker.alive and waiting and len(worker.sent) < AHEAD:
                try:
                    worker.conn.send(tasks[waiting[0]])
                except OSError:  # the process died
                    _lost(worker, done)
                    break
                worker.sent.append(waiting.popleft())
        return any(worker.alive and worker.sent for worker in self.workers)

    def _receive(self, done: dict) -> None:
        """Wait for the next outcomes (into ``done``, by the index of their task)."""
        from multiprocessing.connection import wait

        busy = {worker.conn: worker for worker in self.workers if worker.alive and worker.sent}
        for conn in wait(list(busy)):
            worker = busy[conn]
            try:
                outcome = conn.recv()
            except (EOFError, OSError):  # the process died
                _lost(worker, done)
                continue
            except Exception as exc:  # noqa: BLE001 - an outcome that cannot be unpickled
                outcome = _Failure(f"the outcome cannot be read: {exc!r}")
            done[worker.sent.popleft()] = outcome

    def close(self, finished: bool) -> None:
        """End the processes: when every file is done, let them return; else stop them."""
        for worker in self.workers:
            if finished and worker.alive:
                try:
                    worker.conn.send(None)
                except OSError:
                    pass
            elif worker.process.is_alive():
                worker.process.terminate()
        for worker in self.workers:
            worker.process.join()
            worker.conn.close()


def _lost(worker: _Worker, done: dict) -> None:
    """A process that died: the files it was sent are linted by the main process."""
    worker.alive = False
    for index in worker.sent:
        done[index] = _Failure("the process ended before sending the outcome")
    worker.sent.clear()
