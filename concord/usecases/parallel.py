"""Reading a batch of answers on every core: one process per core, each preparing the base once.

Reading an answer is pure CPU work in Python (parsing, aligning, diffing), so threads do not help;
processes do. `read_batch` reads (agency, answer) jobs in a pool of `os.cpu_count()` processes
whose initializer prepares the shared circulated version once per process
(`concord.engine.reader.prepare_base`); a job may bring its own base instead (each agency's
stamped copy), which the process prepares once too (prepare_base keeps recent ones).

One or two answers are read in this process: starting workers costs more than it saves. So does
any process that cannot start children (a daemonic process, a sandbox without fork): the batch
is then read here, with the same result. Workers are forked directly from a process running one
thread (the CLI), and from a fork server otherwise (the web app, Prefect): a fork copies every
lock as it is, held by a thread that does not exist in the child.

A ConcordError raised in a worker surfaces in the caller as the same class with the same code,
message and attributes: it is rebuilt without calling its constructor, so a subclass whose
constructor takes other arguments (storage's ObjectExists takes a key) crosses intact too.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from concord.engine.reader import prepare_base, read_answer
from concord.engine.reading.prepared import PreparedBase
from concord.engine.safety import check_docx
from concord.errors import ConcordError
from concord.models import Item

# Up to this many answers, reading here beats starting processes.
IN_PROCESS_UP_TO = 2
# What the fork server imports once, so that workers forked from it start with the engine loaded
# ("__main__" is the standard library's default, kept).
_PRELOAD = ["__main__", "concord.usecases.parallel", "concord.engine.structure"]


@dataclass(frozen=True, slots=True)
class ReadJob:
    """One answer to read: `base` is None when it answers the batch's shared base."""

    agency: str
    answer: bytes
    base: bytes | None = None


@dataclass(frozen=True, slots=True)
class _Raised:
    """A ConcordError as it crosses the process boundary: class, args and attributes."""

    cls: type[ConcordError]
    args: tuple[object, ...]
    attrs: dict[str, object]

    def rebuild(self) -> ConcordError:
        error = self.cls.__new__(self.cls)
        Exception.__init__(error, *self.args)
        error.__dict__.update(self.attrs)
        return error


Outcome = list[Item] | ConcordError

# Set in each worker by _start: the batch's shared base, prepared, and whether to check answers.
_shared: PreparedBase | None = None
_check = True


def _start(base: bytes | None, check: bool) -> None:
    global _shared, _check
    _shared = prepare_base(base) if base is not None else None
    _check = check


def _read_one(job: ReadJob, shared: PreparedBase | None, check: bool) -> list[Item]:
    if check:
        check_docx(job.answer)  # before the reader parses any of it
    if job.base is not None:
        base: bytes | PreparedBase = job.base
    elif shared is not None:
        base = shared
    else:
        raise ValueError(f"no base to read {job.agency}'s answer against")
    return read_answer(job.answer, base, job.agency)


def _work(job: ReadJob) -> list[Item] | _Raised:
    try:
        return _read_one(job, _shared, _check)
    except ConcordError as error:
        return _Raised(type(error), error.args, dict(error.__dict__))


def read_each(
    jobs: Sequence[ReadJob],
    *,
    base: bytes | None = None,
    check: bool = True,
    workers: int | None = None,
    advance: Callable[[], None] = lambda: None,
) -> list[Outcome]:
    """Each job's items, or the ConcordError reading it raised, in job order. `base` is the
    version the jobs without their own base answer; `check` runs `check_docx` on each answer
    first. `advance` is called once per job as its outcome arrives (in order)."""
    workers = min(workers or os.cpu_count() or 1, len(jobs))
    if len(jobs) <= IN_PROCESS_UP_TO or workers < 2:
        return list(_here(jobs, base, check, advance))
    outcomes: list[Outcome] = []
    try:
        outcomes.extend(_pooled(jobs, base, check, workers, advance))
    except (BrokenProcessPool, OSError, AssertionError):
        # No children here (a daemonic process asserts, a sandbox refuses fork): the jobs not
        # read yet are read here.
        outcomes.extend(_here(jobs[len(outcomes) :], base, check, advance))
    return outcomes


def read_batch(
    jobs: Sequence[ReadJob],
    *,
    base: bytes | None = None,
    check: bool = True,
    workers: int | None = None,
    advance: Callable[[], None] = lambda: None,
) -> list[list[Item]]:
    """Each job's items in job order; raises the first job's error (in job order)."""
    outcomes = read_each(jobs, base=base, check=check, workers=workers, advance=advance)
    for outcome in outcomes:
        if isinstance(outcome, ConcordError):
            raise outcome
    return [outcome for outcome in outcomes if not isinstance(outcome, ConcordError)]


def _here(
    jobs: Sequence[ReadJob], base: bytes | None, check: bool, advance: Callable[[], None]
) -> Iterator[Outcome]:
    shared = prepare_base(base) if base is not None else None
    for job in jobs:
        try:
            yield _read_one(job, shared, check)
        except ConcordError as error:
            yield error
        advance()


def _pooled(
    jobs: Sequence[ReadJob],
    base: bytes | None,
    check: bool,
    workers: int,
    advance: Callable[[], None],
) -> Iterator[Outcome]:
    context = _context()
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_start, initargs=(base, check)
    ) as pool:
        for outcome in pool.map(_work, jobs):
            yield outcome.rebuild() if isinstance(outcome, _Raised) else outcome
            advance()


def _context() -> multiprocessing.context.BaseContext:
    """fork when this process runs one thread: the cheapest start, and safe since no other
    thread can hold a lock the child would inherit held. With threads (the web app, Prefect)
    forkserver: workers fork from a clean server process that imports the engine once."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(_PRELOAD)
        return context
    return multiprocessing.get_context("spawn")
