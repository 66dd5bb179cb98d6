"""The load model of ``niokr bench web``: pauses, percentiles, and what it counts (against a local server)."""

from __future__ import annotations

import argparse
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from niokr.core.management.commands.bench_web import Result, Session, _pause, load


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    seen: list[float] = []

    def do_GET(self):  # noqa: N802 - the http.server name
        _Handler.seen.append(time.monotonic())
        status = 200 if self.path == "/ok" else 500
        body = b"ok"
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    _Handler.seen = []
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


def test_pause_is_read_as_seconds():
    assert _pause("0.5,1.5") == (0.5, 1.5)
    assert _pause("2") == (2.0, 2.0)
    for bad in ("a,b", "2,1", "-1,1"):
        with pytest.raises(argparse.ArgumentTypeError):
            _pause(bad)


def test_percentile_is_the_nearest_rank_in_milliseconds():
    result = Result("x", "/", "page", [n / 1000 for n in range(1, 101)], 0, 1.0)
    assert result.percentile(50) == pytest.approx(50)
    assert result.percentile(95) == pytest.approx(95)
    assert result.percentile(100) == pytest.approx(100)


def test_saturated_load_counts_answers_and_errors(server):
    latencies, errors, _ = load(Session(server), "/ok", users=4, requests=40, warmup=8, max_seconds=30)
    assert len(latencies) == 40 and errors == 0
    assert len(_Handler.seen) == 48
    latencies, errors, _ = load(Session(server), "/fail", users=2, requests=6, warmup=0, max_seconds=30)
    assert len(latencies) == 6 and errors == 6


def test_paced_users_pause_between_their_requests(server):
    started = time.monotonic()
    latencies, errors, _ = load(Session(server), "/ok", users=2, requests=6, warmup=0, max_seconds=30, pause=(0.2, 0.2))
    elapsed = time.monotonic() - started
    # Each user: a first pause of up to 0.2 s, then 3 requests with 0.2 s after each.
    assert len(latencies) == 6 and errors == 0
    assert elapsed >= 0.6


def test_niokr_bench_web_takes_reuse_and_hands_it_to_the_web_bench(monkeypatch):
    """README: ``niokr bench web [--reuse]`` — the umbrella command forwards ``--reuse``."""
    from django.core.management import CommandError, call_command

    from niokr.intake.management.commands import bench

    seen = {}
    monkeypatch.setattr(bench, "call_command", lambda name, **kwargs: seen.update(name=name, **kwargs))
    call_command("bench", "web", "--reuse")
    assert seen["name"] == "bench_web" and seen["reuse"] is True
    call_command("bench", "control", "--reuse")
    assert seen["name"] == "bench_control" and seen["reuse"] is True
    with pytest.raises(CommandError, match="--reuse"):
        call_command("bench", "intake", "--reuse")


def test_a_write_is_made_before_every_request_outside_the_measured_time(server):
    """"dashboard after a write": each request, warm-up included, follows its own write."""
    writes = []
    latencies, errors, _ = load(Session(server), "/ok", users=3, requests=9, warmup=3, max_seconds=30, before=lambda number: (writes.append(number), time.sleep(0.5)))
    assert len(latencies) == 9 and errors == 0 and len(writes) == 12
    assert max(latencies) < 0.5  # the write's time is not counted in the request's


def test_the_target_pass_runs_as_a_scoped_regulator_and_a_company_by_default():
    from niokr.core.management.commands.bench_web import DEFAULT_LOGINS, MEASURED

    assert {"auditor", "regulator", "company"} <= set(DEFAULT_LOGINS)
    assert any(kind == "page-write" and name == "obligations:dashboard" for _label, name, kind in MEASURED)
