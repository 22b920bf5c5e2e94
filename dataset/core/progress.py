"""Progress of a long run: what the library reports, and how a terminal shows it.

The library reports through a :class:`Progress`, one phase after another:
``start(phase, total, unit)``, then ``update(phase, done)`` any number of times
(``done`` is how much of ``total`` is done so far, not a step), then
``end(phase)``. ``total`` is None when it cannot be known beforehand. A build
(:func:`dataset.engine.pipeline.build`) goes through :data:`BUILD_PHASES`, in order:

============  ===========================================================================
phase         what it counts
============  ===========================================================================
``hash``      the bytes of the input files, hashed for the release's manifest
``extract``   documents read, extracted, turned into rows and validated, in batches:
              counted in documents (a seeds manifest's source list, a folder's texts,
              Parquet rows from the files' metadata) or, for JSONL, in bytes of the
              file read so far (of the compressed file for ``.jsonl.gz``)
``merge``     rows merged from the batches' sorted files into the release's tables
              (a corpus of many batches is merged in rounds: each round counts)
``write``     the release's other files: manifest, checksums, card, review page,
              metadata (no total)
``validate``  the release read back and checked as ``dataset validate`` checks it,
              and compared with the release of that version already there (no total)
============  ===========================================================================

Every report is optional: the library takes ``progress=None`` and then reports
nothing. :class:`TerminalProgress` shows the phases on a rich console, each on
its own line (a spinner, the phase, a bar that pulses while the total is
unknown, the amount, the time elapsed and the time left at the phase's pace so
far). It shows nothing when the console is not a terminal, so that what a
script captures of stderr holds no progress; the command line gives it stderr,
never stdout (which may carry JSON).
"""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["BUILD_PHASES", "SILENT", "Progress", "TerminalProgress"]

#: The phases of a build, in the order they run.
BUILD_PHASES = ("hash", "extract", "merge", "write", "validate")


class Progress(Protocol):
    """What a long run reports (see the module docstring); every method returns at once."""

    def start(self, phase: str, total: int | None = None, unit: str = "") -> None:
        """``phase`` starts; ``total`` of ``unit`` ("documents", "bytes", "rows") to do."""

    def update(self, phase: str, done: int) -> None:
        """``done`` of the phase's total are done (an amount so far, not a step)."""

    def end(self, phase: str) -> None:
        """``phase`` is finished."""


class _Silent:
    """A :class:`Progress` that reports nothing: what the library uses without one."""

    def start(self, phase: str, total: int | None = None, unit: str = "") -> None:
        pass

    def update(self, phase: str, done: int) -> None:
        pass

    def end(self, phase: str) -> None:
        pass


#: Reports nothing.
SILENT: Progress = _Silent()


def amount(done: float, total: float | None, unit: str) -> str:
    """How much is done, in words: ``1,200/5,000 documents``, ``3.1 MB/19.4 MB``, ``800 rows``."""
    if not unit:
        return ""
    if unit == "bytes":
        from rich.filesize import decimal

        return decimal(int(done)) + ("" if total is None else f"/{decimal(int(total))}")
    return f"{int(done):,}" + ("" if total is None else f"/{int(total):,}") + f" {unit}"


class TerminalProgress:
    """A :class:`Progress` shown on ``console`` (rich), one line per phase.

    Use as a context manager. Nothing is shown when ``console`` is not a
    terminal or ``quiet`` is set; with ``transient`` (the default) the lines
    are cleared when the run is over. ``clock`` (seconds) is for tests.
    """

    def __init__(
        self,
        console: Console,
        *,
        quiet: bool = False,
        transient: bool = True,
        clock: Callable[[], float] | None = None,
    ) -> None:
        self._tasks: dict[str, Any] = {}
        self._bar: Any = None
        if quiet or not console.is_terminal:
            return  # nothing to show: rich's progress is not even imported
        from rich.progress import (
            BarColumn,
            ProgressColumn,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.progress import Progress as RichProgress
        from rich.text import Text

        class Amount(ProgressColumn):
            def render(self, task: Any) -> Text:
                total = task.total if task.fields["counted"] else None
                return Text(amount(task.fields["done"], total, task.fields["unit"]))

        class Remaining(TimeRemainingColumn):
            """Rich's column, from the phase's average pace since it started: work comes
            back in bursts (a chunk of documents from each worker at once), and a pace
            taken between two reports of one burst would promise the end at once."""

            def render(self, task: Any) -> Text:
                if task.finished or not task.fields["counted"] or not task.completed:
                    return super().render(task)
                pace = (task.elapsed or 0.0) / task.completed
                left = int(pace * max(0.0, (task.total or 0) - task.completed))
                minutes, seconds = divmod(left, 60)
                hours, minutes = divmod(minutes, 60)
                return Text(f"{hours}:{minutes:02d}:{seconds:02d}", style="progress.remaining")

        self._bar = RichProgress(
            SpinnerColumn(finished_text="✓"),
            TextColumn("{task.description:<8}"),
            BarColumn(),
            Amount(),
            TimeElapsedColumn(),
            Remaining(),
            console=console,
            transient=transient,
            get_time=clock,
        )

    def __enter__(self) -> TerminalProgress:
        if self._bar is not None:
            self._bar.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.stop()

    def start(self, phase: str, total: int | None = None, unit: str = "") -> None:
        if self._bar is None:
            return
        self._tasks[phase] = self._bar.add_task(
            phase, total=total, unit=unit, counted=total is not None, done=0
        )

    def update(self, phase: str, done: int) -> None:
        if self._bar is not None:
            self._bar.update(self._tasks[phase], completed=done, done=done)

    def end(self, phase: str) -> None:
        if self._bar is None:
            return
        task = self._tasks[phase]
        state = next(t for t in self._bar.tasks if t.id == task)
        done = state.fields["done"]
        if state.fields["counted"]:  # a phase ends whole, whatever its estimate was
            done = max(done, state.total or 0)
        # the bar full and the spinner a tick, also for a phase with nothing to count
        self._bar.update(task, total=max(done, 1), completed=max(done, 1), done=done)
        self._bar.stop_task(task)
