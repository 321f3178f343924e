"""Bytes that are not UTF-8, typed into the app's terminal, do not end the session."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quizapp.tui.lenient_input import install


def test_the_drivers_decoder_replaces_what_is_not_utf8() -> None:
    from textual.drivers import linux_driver

    assert install()
    decode = linux_driver.getincrementaldecoder("utf-8")().decode  # type: ignore[attr-defined]
    assert decode(b"caf\xe9 \xff ok", final=True) == "caf\ufffd \ufffd ok"


def _read(fd: int, seconds: float) -> bytes:
    out = b""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                out += os.read(fd, 65536)
            except OSError:
                break
    return out


@pytest.mark.skipif(sys.platform != "linux", reason="a Linux terminal")
def test_the_app_in_a_terminal_survives_latin1_bytes(tmp_path: Path) -> None:
    main, child = pty.openpty()
    env = dict(os.environ, QUIZAPP_HOME=str(tmp_path), TERM="xterm-256color", COLUMNS="80")
    proc = subprocess.Popen(
        [sys.executable, "-m", "quizapp"],
        stdin=child,
        stdout=child,
        stderr=child,
        env=env,
        start_new_session=True,
    )
    os.close(child)
    try:
        _read(main, 6.0)  # the home screen is up
        os.write(main, b"q")  # the quiz
        _read(main, 2.0)
        os.write(main, b"caf\xe9 \xff\xfe a directed acyclic graph")
        _read(main, 2.0)
        assert proc.poll() is None, "the app ended on the bytes"
        os.write(main, b"\x11")  # ctrl+q
        out = _read(main, 3.0)
        os.write(main, b"y")
        out += _read(main, 2.0)
        assert b"UnicodeDecodeError" not in out
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=10)
        os.close(main)
