"""What the end-to-end run (scripts/e2e.py) is built on: its settings, report and processes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
import contextlib
from dataclasses import dataclass, field
from pathlib import Path
import socket
import subprocess
import time
from typing import IO, cast

from scripts.develop_setup import ROOT

HOST = "127.0.0.1"
START_TIMEOUT = 120.0  # seconds, for each of the simulator and Home Assistant
STEP_TIMEOUT = 20.0  # seconds, for a command to arrive, a state, a page element
STOP_TIMEOUT = 30.0  # seconds between SIGTERM and SIGKILL
# Shelly readings (power) arrive with the next poll, every 30 s for the demo account.
SHELLY_POLL_TIMEOUT = 45.0

# The demo devices (tests/simulator/demo.py) whose switch the run turns off and on.
SWITCHBOT_PLUG = "C1A2B3C4D5E2"  # "Desk Plug", a SwitchBot Plug
SINRICPRO_SWITCH = "65a1b2c3d4e5f60718293a01"  # "Fan Switch", a SinricPro SWITCH
SHELLY_CHANNEL = 0  # "Kitchen Ceiling", the first relay of the Shelly Plus 2PM

IMAGES = ROOT / "docs" / "images"
WIDTH, HEIGHT = 1400, 900


class Failed(Exception):
    """A check failed that later steps depend on: the run stops here."""


# -- bookkeeping ---------------------------------------------------------------------


@dataclass
class Report:
    """Counts checks, keeps the failures and the time each phase took."""

    passed: int = 0
    failures: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    def check(self, what: str, ok: bool, detail: str = "") -> bool:
        """Record one check and print it."""
        if ok:
            self.passed += 1
            print(f"  ok    {what}", flush=True)
        else:
            self.failures.append(f"{what}: {detail}" if detail else what)
            print(f"  FAIL  {what}{': ' + detail if detail else ''}", flush=True)
        return ok

    def require(self, what: str, ok: bool, detail: str = "") -> None:
        """A check the rest of the run depends on: stop if it fails."""
        if not self.check(what, ok, detail):
            raise Failed(f"{what}: {detail}" if detail else what)

    @contextlib.contextmanager
    def phase(self, name: str) -> Iterator[None]:
        """Time a phase of the run."""
        print(f"{name}:", flush=True)
        start = time.monotonic()
        try:
            yield
        finally:
            self.timings[name] = time.monotonic() - start

    def summary(self, total: float) -> str:
        """The last line: counts and timings."""
        phases = ", ".join(f"{k} {v:.0f} s" for k, v in self.timings.items())
        verdict = "FAIL" if self.failures else "PASS"
        return (
            f"e2e: {verdict}: {self.passed} passed, {len(self.failures)} failed "
            f"in {total:.0f} s ({phases})"
        )


def wait_for[T](
    read: Callable[[], T], done: Callable[[T], bool], seconds: float = STEP_TIMEOUT
) -> tuple[bool, T]:
    """Call read() until done(value) or the time is up: (done, last value)."""
    deadline = time.monotonic() + seconds
    while True:
        value = read()
        if done(value):
            return True, value
        if time.monotonic() > deadline:
            return False, value
        time.sleep(0.5)


def equals(expected: object) -> Callable[[object], bool]:
    """A test for wait_for: the value is `expected`."""
    return lambda value: value == expected


def is_number(expected: float) -> Callable[[str], bool]:
    """A test for wait_for: the state is that number."""

    def test(state: str) -> bool:
        try:
            return float(state) == expected
        except ValueError:
            return False

    return test


# -- processes -----------------------------------------------------------------------


def free_ports(count: int) -> list[int]:
    """Ports nothing listens on now (so a running scripts/develop is left alone)."""
    with contextlib.ExitStack() as stack:
        sockets = []
        for _ in range(count):
            sock = stack.enter_context(socket.socket())
            sock.bind((HOST, 0))
            sockets.append(sock)
        return [cast(int, s.getsockname()[1]) for s in sockets]


def listening(port: int) -> bool:
    """Whether something accepts connections on the port."""
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex((HOST, port)) == 0


@dataclass
class Processes:
    """The processes this run started; their pids also go to a file for scripts/e2e's trap."""

    pid_file: Path
    running: list[tuple[str, subprocess.Popen[bytes], IO[bytes]]] = field(
        default_factory=list
    )

    def start(self, name: str, argv: list[str], log: Path) -> subprocess.Popen[bytes]:
        """Start a process in its own session (Ctrl-C reaches only this script)."""
        out = log.open("wb")
        process = subprocess.Popen(
            argv,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            cwd=ROOT,
            start_new_session=True,
        )
        self.running.append((name, process, out))
        with self.pid_file.open("a") as pids:
            pids.write(f"{process.pid}\n")
        return process

    def stop_all(self) -> None:
        """SIGTERM in reverse order of starting, SIGKILL if one does not end in time."""
        while self.running:
            name, process, out = self.running.pop()
            if process.poll() is None:
                print(f"Stopping {name}", flush=True)
                process.terminate()
                try:
                    process.wait(STOP_TIMEOUT)
                except subprocess.TimeoutExpired:
                    print(f"{name} did not stop in {STOP_TIMEOUT:.0f} s: killing it")
                    process.kill()
                    process.wait()
            out.close()


def wait_until_listening(
    name: str, process: subprocess.Popen[bytes], port: int, log: Path
) -> None:
    """Wait until the process accepts connections on the port."""
    deadline = time.monotonic() + START_TIMEOUT
    while not listening(port):
        if process.poll() is not None or time.monotonic() > deadline:
            tail = "\n".join(log.read_text(errors="replace").splitlines()[-20:])
            raise Failed(f"{name} did not start (end of {log}):\n{tail}")
        time.sleep(0.1)
