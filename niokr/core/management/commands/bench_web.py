"""``niokr bench web``: page and API latency under load, beside a static file served the same way.

In a fresh database ``<name>_bench`` on the configured PostgreSQL server it runs ``migrate``,
``generate --scale national --seed 7`` and ``recompute`` (subprocesses), ``VACUUM ANALYZE`` (what
autovacuum does to a database in service after a load: planner statistics and visibility maps),
gives each demo login (one per role) an API token, starts gunicorn (2 workers, ``niokr.wsgi``,
127.0.0.1 on a free port, ``NIOKR_DEBUG`` off), signs in through the login form and measures each
URL twice, a warm-up then ``--requests`` requests each time:

* **20 users** (threads), each pausing between its requests as a person does, by default 0.5 to 1.5
  s (uniform, locust's ``between(0.5, 1.5)``; a person reads a page for several seconds, so this is
  several times the pace of real users). The targets apply here: pages (dashboard, organisation
  list, right list, payment list, project list, the page of the project with the most agreements,
  results registry, submission list) p95 ≤ 300 ms; API lists (organisations, rights,
  balances, ledger, payments) p95 ≤ 200 ms.
* **saturation**: the same 20 users without a pause, each sending its next request the moment the
  last one is answered: the requests per second the server can give (its capacity) and the latency
  when 20 requests always wait on 2 workers (about ten requests queue before each; no target).
* the floor, in both: ``/static/core/niokr.css`` served by WhiteNoise in the same gunicorn.

The target pass runs once for each ``--as`` login (by default the auditor, who sees everything and
so gets the largest lists; the Ministry of Energy's regulator, whose lists are filtered by mineral
scope; and a company's staff, filtered to its own organisation), because a scoped query plan is not
the unscoped one. ``dashboard after a write`` asks for the dashboard right after a write to the
registry (an organisation row updated in its own transaction, as an upload or a load does), so that
its cached figures are rebuilt each time: the cost of the cache miss users see after every change.
Saturation runs as the first login only.

It also prints the median of a single user's requests (``alone ms``: the time a request takes when
it waits for no other) and each URL's number of SQL queries (one request in-process,
``CaptureQueriesContext``).
Every request goes to 127.0.0.1 only; the load is bounded by ``--requests`` and ``--max-seconds``.
``--keep`` leaves the bench database in place and ``--reuse`` measures it again (after ``migrate``
and ``VACUUM ANALYZE``, and keeps it) instead of generating the country anew.
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import random
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import NoReverseMatch, reverse

from niokr.core.benchdb import conninfo, database_url

PAGE_TARGET_MS = 300.0
API_TARGET_MS = 200.0
STATIC_URL = "/static/core/niokr.css"
#: (label, URL name, kind); the persona the load runs as sees everything (the largest lists).
MEASURED = [
    ("dashboard", "obligations:dashboard", "page"),
    ("dashboard after a write", "obligations:dashboard", "page-write"),
    ("organisation list", "registry:organisation-list", "page"),
    ("right list", "registry:right-list", "page"),
    ("payment list", "projects:payment-list", "page"),
    ("project list", "projects:project-list", "page"),
    ("project page", "projects:project-detail", "page"),
    ("results registry", "lifecycle:result-list", "page"),
    ("submission list", "intake:submission-list", "page"),
    ("priority portfolios", "portfolio:index", "page"),
    ("Delphi round results", "foresight:round-results", "page"),
    ("ranking page", "ranking:ranking-detail", "page"),
    ("API organisations", "registry-api:organisation-list", "api"),
    ("API rights", "registry-api:right-list", "api"),
    ("API balances", "obligations-api:balance-list", "api"),
    ("API ledger", "obligations-api:ledger-entry-list", "api"),
    ("API payments", "projects-api:payment-list", "api"),
]
#: URL names that name an object: the dotted path of ``(user) -> URL`` that picks, among what the
#: measured login may see, the object of that page in the bench database ("": none).
OBJECT_URLS = {
    "projects:project-detail": "niokr.projects.lifecycle.result_views.bench_project_url",
    "foresight:round-results": "niokr.ranking.bench.delphi_results_url",
    "ranking:ranking-detail": "niokr.ranking.bench.ranking_url",
}
#: Requests of one user alone per URL: the time a request takes without waiting for others.
ALONE_REQUESTS = 10
DEMO_LOGINS = ("regulator", "regulator_mic", "company", "performer", "auditor", "admin")
#: The logins the target pass runs as unless ``--as`` names others: everything, a mineral scope, one company.
DEFAULT_LOGINS = ("auditor", "regulator", "company")
#: The write made before each "after a write" request: one organisation row updated (a no-op
#: change of its name), which the change-count trigger records, so the dashboard's cache misses.
WRITE_SQL = "UPDATE registry_organisation SET name_ru = name_ru WHERE id = (SELECT min(id) FROM registry_organisation)"


@dataclass
class Result:
    label: str
    url: str
    kind: str
    latencies: list[float]
    errors: int
    seconds: float
    alone_ms: float = float("nan")

    def percentile(self, q: float) -> float:
        """The ``q`` percentile (nearest rank) in milliseconds."""
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        rank = max(1, min(len(ordered), math.ceil(q / 100 * len(ordered))))
        return ordered[rank - 1] * 1000


def _pause(text: str) -> tuple[float, float]:
    """``"0.5,1.5"`` → ``(0.5, 1.5)``; one number is a fixed pause."""
    try:
        low, _, high = text.partition(",")
        bounds = (float(low), float(high or low))
    except ValueError:
        raise argparse.ArgumentTypeError(f"two numbers of seconds, MIN,MAX (got {text!r})") from None
    if not 0 <= bounds[0] <= bounds[1]:
        raise argparse.ArgumentTypeError(f"0 ≤ MIN ≤ MAX (got {text!r})")
    return bounds


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Session:
    """A signed-in visitor: cookies of the login form, or an API token."""

    def __init__(self, port: int, *, cookies: dict | None = None, token: str | None = None):
        self.port = port
        self.cookies = dict(cookies or {})
        self.token = token

    def headers(self) -> dict:
        headers = {"Host": "127.0.0.1", "Accept": "application/json" if self.token else "text/html"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self.token:
            headers["Authorization"] = f"Token {self.token}"
        return headers

    def request(self, conn: http.client.HTTPConnection, method: str, path: str, body: bytes | None = None, extra: dict | None = None):
        conn.request(method, path, body=body, headers={**self.headers(), **(extra or {})})
        response = conn.getresponse()
        data = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, dict(response.getheaders()), data


def log_in(port: int, username: str, password: str) -> Session:
    """Sign in through the login form (GET for the CSRF token, POST the form) as a browser does."""
    session = Session(port)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    status, _headers, page = session.request(conn, "GET", "/accounts/login/")
    match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if status != 200 or not match:
        raise CommandError(f"the login page answered {status}")
    body = urlencode({"username": username, "password": password, "csrfmiddlewaretoken": match.group(1).decode()}).encode()
    status, headers, _ = session.request(conn, "POST", "/accounts/login/", body, {"Content-Type": "application/x-www-form-urlencoded", "Referer": f"http://127.0.0.1:{port}/accounts/login/"})
    conn.close()
    if status != 302 or "sessionid" not in session.cookies:
        raise CommandError(f"logging in as {username} failed ({status})")
    return session


def load(
    session: Session, path: str, *, users: int, requests: int, warmup: int, max_seconds: float, pause: tuple[float, float] = (0.0, 0.0), before=None,
) -> tuple[list[float], int, float]:
    """``users`` threads request ``path`` until ``requests`` answers are in (after ``warmup``).

    Each user pauses ``uniform(*pause)`` seconds after each answer (and once before its first
    request, so that the users do not start in step); ``(0, 0)``: no pause. ``before``, when given,
    is called with the user's number before each request, outside the measured time (a write).
    """
    lock = threading.Lock()
    remaining = {"warmup": warmup, "measured": requests}
    latencies: list[float] = []
    errors = [0]
    deadline = time.monotonic() + max_seconds

    def worker(number: int):
        conn = http.client.HTTPConnection("127.0.0.1", session.port, timeout=120)
        rng = random.Random(number)
        paced = pause[1] > 0
        try:
            if paced:
                time.sleep(rng.uniform(0, pause[1]))
            while time.monotonic() < deadline:
                with lock:
                    if remaining["warmup"] > 0:
                        remaining["warmup"] -= 1
                        measured = False
                    elif remaining["measured"] > 0:
                        remaining["measured"] -= 1
                        measured = True
                    else:
                        return
                if before is not None:
                    before(number)
                started = time.perf_counter()
                try:
                    conn.request("GET", path, headers=session.headers())
                    response = conn.getresponse()
                    response.read()
                    ok = response.status == 200
                    if response.getheader("Connection", "").lower() == "close":
                        conn.close()
                except (OSError, http.client.HTTPException):
                    conn.close()
                    ok = False
                elapsed = time.perf_counter() - started
                if measured:
                    with lock:
                        latencies.append(elapsed)
                        errors[0] += 0 if ok else 1
                if paced:
                    time.sleep(rng.uniform(*pause))
        finally:
            conn.close()

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(n,), daemon=True) for n in range(users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, errors[0], time.monotonic() - started


class _Writer:
    """One connection per user thread to the bench database, making :data:`WRITE_SQL` on demand."""

    def __init__(self, info: str):
        self.info = info
        self.local = threading.local()
        self.all: list = []
        self.lock = threading.Lock()

    def write(self, _number: int) -> None:
        import psycopg

        conn = getattr(self.local, "conn", None)
        if conn is None:
            conn = self.local.conn = psycopg.connect(self.info, autocommit=True)
            with self.lock:
                self.all.append(conn)
        conn.execute(WRITE_SQL)

    def close(self) -> None:
        for conn in self.all:
            conn.close()


def _object_urls(login: str) -> dict[str, str]:
    """The URL of each page of :data:`OBJECT_URLS` for ``login`` in the current database ("" where it sees no such object)."""
    from django.contrib.auth import get_user_model
    from django.utils.module_loading import import_string

    user = get_user_model().objects.get(username=login)
    out = {}
    for name, path in OBJECT_URLS.items():
        try:
            out[name] = import_string(path)(user)
        except (ImportError, NoReverseMatch):
            out[name] = ""
    return out


class Command(BaseCommand):
    help = "Benchmark pages and API lists under 20 concurrent users on gunicorn, beside a static file."

    def add_arguments(self, parser):
        parser.add_argument("--scale", default="national", choices=["small", "national", "x10"])
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument("--users", type=int, default=20, help="concurrent users")
        parser.add_argument("--requests", type=int, default=200, help="measured requests per URL")
        parser.add_argument("--warmup", type=int, default=20, help="requests per URL before measuring")
        parser.add_argument("--max-seconds", type=float, default=120.0, help="time limit per URL and pass")
        parser.add_argument("--pause", type=_pause, default=(0.5, 1.5), metavar="MIN,MAX", help="seconds each user pauses between its requests (uniform; default 0.5,1.5)")
        parser.add_argument(
            "--as", dest="logins", action="append", choices=DEMO_LOGINS,
            help=f"demo login the target pass runs as; repeat for several (default: {', '.join(DEFAULT_LOGINS)}); saturation runs as the first",
        )
        parser.add_argument("--keep", action="store_true", help="keep the bench database afterwards")
        parser.add_argument("--reuse", action="store_true", help="measure (and keep) the bench database of an earlier run with --keep instead of generating it again")
        parser.add_argument("--prepare", action="store_true", help="(a step run inside the bench database) this run's password and an API token for each demo login, tokens as JSON")
        parser.add_argument("--resolve", metavar="LOGIN", help="(a step run inside the bench database) the URLs of the pages that name an object LOGIN may see, as JSON")
        parser.add_argument("--query-counts", dest="query_counts", metavar="LOGIN", help="(a step run inside the bench database) SQL queries per URL as JSON")

    def handle(self, *args, **options):
        if options["prepare"]:
            return self._prepare()
        if options["resolve"]:
            return self.stdout.write(json.dumps(_object_urls(options["resolve"])))
        if options["query_counts"]:
            return self._query_counts(options["query_counts"])
        self._bench(**options)

    # Steps run in a subprocess whose DATABASE_URL is the bench database.

    def _prepare(self):
        from django.contrib.auth import get_user_model
        from rest_framework.authtoken.models import Token

        tokens = {}
        for user in get_user_model().objects.filter(username__in=DEMO_LOGINS):
            # This run's password (a reused database keeps the password of the run that made it).
            user.set_password(os.environ["NIOKR_DEMO_PASSWORD"])
            user.save(update_fields=["password"])
            tokens[user.username] = Token.objects.get_or_create(user=user)[0].key
        self.stdout.write(json.dumps(tokens))

    def _query_counts(self, login: str):
        from django.contrib.auth import get_user_model
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(get_user_model().objects.get(username=login))
        counts = {}
        resolved = _object_urls(login)
        for _label, name, _kind in MEASURED:
            try:
                url = resolved[name] if name in OBJECT_URLS else reverse(name)
            except NoReverseMatch:
                continue
            if not url:
                continue
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            counts[name] = {"queries": len(queries), "status": response.status_code}
        self.stdout.write(json.dumps(counts))

    # The bench itself.

    def _bench(self, *, scale, seed, users, requests, warmup, max_seconds, pause, logins, keep, reuse, **_options):
        import psycopg

        logins = list(dict.fromkeys(logins or DEFAULT_LOGINS))
        db = settings.DATABASES["default"]
        if db["ENGINE"] != "django.db.backends.postgresql":
            raise CommandError("niokr bench web runs on PostgreSQL: set DATABASE_URL=postgres://… (the figures are for the production database)")
        name = f"{db['NAME']}_bench"
        password = secrets.token_urlsafe(16)
        work = Path(tempfile.mkdtemp(prefix="niokr-bench-web-"))
        env = {k: v for k, v in os.environ.items() if k not in ("NIOKR_DEBUG", "NIOKR_SECURE")}
        env.update(
            DATABASE_URL=database_url(db, name),
            DJANGO_SETTINGS_MODULE="niokr.settings",
            NIOKR_DATA_DIR=str(work / "data"),
            NIOKR_SECRET_KEY=secrets.token_urlsafe(50),  # one key for both workers' sessions
            NIOKR_DEMO_PASSWORD=password,
            NIOKR_ALLOWED_HOSTS="127.0.0.1,localhost",
        )
        admin = psycopg.connect(conninfo(db, "postgres"), autocommit=True)
        kept = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None
        if reuse and not kept:
            raise CommandError(f"--reuse: there is no database {name} (run once with --keep)")
        if not reuse:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{name}"')
        server = None
        try:
            self._run(["migrate", "--no-input", "-v0"], env)
            if reuse:
                self.stdout.write(f"reusing {name} (the country of an earlier run; --scale and --seed are not checked)")
            else:
                self._run(["generate", "--scale", scale, "--seed", str(seed)], env, show=True)
                self._run(["recompute"], env, show=True)
            with psycopg.connect(conninfo(db, name), autocommit=True) as conn:
                conn.execute("VACUUM (ANALYZE)")  # statistics and visibility maps, as autovacuum keeps them in service
            tokens = json.loads(self._run(["bench_web", "--prepare"], env))
            port = _free_port()
            server = self._start_gunicorn(env, port, work)
            writer = _Writer(conninfo(db, name))
            for number, login in enumerate(logins):
                counts = json.loads(self._run(["bench_web", "--query-counts", login], env))
                resolved = json.loads(self._run(["bench_web", "--resolve", login], env))
                session = log_in(port, login, password)
                api = Session(port, token=tokens[login])
                paced, saturated = [], []
                passes = ((paced, pause), (saturated, (0.0, 0.0))) if number == 0 else ((paced, pause),)
                for label, url_name, kind in [("static file (floor)", None, "static")] + MEASURED:
                    try:
                        url = (resolved.get(url_name) or "" if url_name in OBJECT_URLS else reverse(url_name)) if url_name else STATIC_URL
                        if not url:
                            raise NoReverseMatch(url_name)
                    except NoReverseMatch:
                        self.stdout.write(f"{label}: {url_name} is not served; not measured")
                        continue
                    who = api if kind == "api" else session
                    before = writer.write if kind == "page-write" else None
                    alone, _errors, _seconds = load(who, url, users=1, requests=ALONE_REQUESTS, warmup=warmup, max_seconds=max_seconds, before=before)
                    alone_ms = sorted(alone)[len(alone) // 2] * 1000 if alone else float("nan")
                    for results, gap in passes:
                        latencies, errors, seconds = load(who, url, users=users, requests=requests, warmup=warmup, max_seconds=max_seconds, pause=gap, before=before)
                        results.append(Result(label, url, kind, latencies, errors, seconds, alone_ms))
                heading = f"{scale}, seed {seed}, PostgreSQL, gunicorn 2 workers, signed in as {login}"
                self._report(paced, counts, title=f"{heading}: {users} users, each pausing {pause[0]:g}–{pause[1]:g} s between requests", judged=True)
                if saturated:
                    self._report(saturated, counts, title=f"saturation as {login}: {users} users without a pause (capacity; no target)", judged=False)
            writer.close()
        finally:
            if server is not None:
                server.terminate()
                try:
                    server.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    server.kill()
            if not (keep or reuse):
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.close()

    def _start_gunicorn(self, env: dict, port: int, work: Path) -> subprocess.Popen:
        log = open(work / "gunicorn.log", "wb")
        argv = [sys.executable, "-m", "gunicorn", "niokr.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{port}", "--timeout", "120", "--log-level", "warning"]
        server = subprocess.Popen(argv, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=settings.BASE_DIR)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise CommandError(f"gunicorn stopped:\n{(work / 'gunicorn.log').read_text(errors='replace')[-3000:]}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("GET", "/accounts/login/", headers={"Host": "127.0.0.1"})
                if conn.getresponse().status == 200:
                    conn.close()
                    self.stdout.write(f"gunicorn: 2 workers on 127.0.0.1:{port} (log {work / 'gunicorn.log'})")
                    return server
            except OSError:
                time.sleep(0.3)
        server.kill()
        raise CommandError("gunicorn did not answer within 60 s")

    def _report(self, results: list[Result], counts: dict, *, title: str, judged: bool) -> None:
        floor = next((r for r in results if r.kind == "static"), None)
        self.stdout.write(f"\nniokr bench web — {title}")
        self.stdout.write(f"{'measure':<22}{'URL':<36}{'requests':>9}{'errors':>7}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'target':>8}{'alone ms':>9}{'queries':>8}{'p95 × floor':>12}  verdict")
        names = {label: name for label, name, _kind in MEASURED}
        for r in results:
            target = {"page": PAGE_TARGET_MS, "page-write": PAGE_TARGET_MS, "api": API_TARGET_MS}.get(r.kind) if judged else None
            p95 = r.percentile(95)
            queries = counts.get(names.get(r.label, ""), {}).get("queries", "")
            ratio = p95 / floor.percentile(95) if floor and floor.percentile(95) else 0
            if r.kind == "static":
                verdict = "floor"
            elif not judged:
                verdict = f"{r.errors} ERRORS" if r.errors else "—"
            elif r.errors or len(r.latencies) == 0:
                verdict = f"{r.errors} ERRORS"
            else:
                verdict = "OK" if p95 <= target else "OVER TARGET"
            rate = len(r.latencies) / r.seconds if r.seconds else 0
            self.stdout.write(
                f"{r.label:<22}{r.url:<36}{len(r.latencies):>9}{r.errors:>7}{rate:>8.1f}{r.percentile(50):>9.0f}{p95:>9.0f}{r.percentile(99):>9.0f}"
                f"{(f'{target:.0f}' if target else '—'):>8}{r.alone_ms:>9.0f}{str(queries):>8}{ratio:>12.1f}  {verdict}"
            )

    def _run(self, argv: list[str], env: dict, show: bool = False) -> str:
        started = time.monotonic()
        proc = subprocess.run([sys.executable, "-m", "niokr.cli", *argv], env=env, capture_output=True, text=True)
        elapsed = time.monotonic() - started
        if proc.returncode != 0:
            raise CommandError(f"niokr {' '.join(argv)} failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}")
        if show:
            self.stdout.write(f"$ niokr {' '.join(argv)}  ({elapsed:.2f} s)\n{proc.stdout.strip()}")
        return proc.stdout
