"""A throwaway PostgreSQL server for tests (python3 stdlib only).

    from postgres import running_postgres
    with running_postgres() as uri:   # postgresql://postgres@127.0.0.1:PORT/postgres
        ...

The server lives in a fresh temporary directory (data, socket and log), is
tuned for speed over durability (fsync off), listens on 127.0.0.1 only, trusts
every local connection, and is always stopped and deleted: on normal exit, on
exceptions, and on SIGTERM/SIGINT. As root it runs as the `postgres` user
(PostgreSQL refuses root); only the temporary directory made here is chowned.

Binaries: $GATEHOUSE_PG_BINDIR, else initdb/pg_ctl on PATH, else the newest
/usr/lib/postgresql/*/bin.
"""
import contextlib
import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading

SERVER_SETTINGS = [
    "listen_addresses=127.0.0.1",
    "fsync=off",
    "synchronous_commit=off",
    "full_page_writes=off",
    # One server serves the whole test run, whose binaries may run in parallel,
    # each case with its own database and pool.
    "max_connections=400",
]


class PostgresError(RuntimeError):
    pass


def find_bindir():
    """The directory holding initdb and pg_ctl."""
    candidates = []
    if os.environ.get("GATEHOUSE_PG_BINDIR"):
        candidates.append(os.environ["GATEHOUSE_PG_BINDIR"])
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(os.path.dirname(on_path))

    def version(path):
        try:
            return int(path.split("/")[-2])
        except ValueError:
            return 0

    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version, reverse=True)
    for directory in candidates:
        if all(os.access(os.path.join(directory, b), os.X_OK) for b in ("initdb", "pg_ctl")):
            return directory
    raise PostgresError("PostgreSQL server binaries (initdb, pg_ctl) not found; "
                        "install postgresql or set GATEHOUSE_PG_BINDIR")


def _free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Server:
    def __init__(self):
        self.bindir = find_bindir()
        self.root = tempfile.mkdtemp(prefix="gh-postgres-")
        self.data = os.path.join(self.root, "data")
        self.log = os.path.join(self.root, "server.log")
        self.as_user = []
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")
            os.chown(self.root, user.pw_uid, user.pw_gid)  # the directory made just above
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self.port = None

    def _run(self, *args, timeout=120):
        cmd = self.as_user + [os.path.join(self.bindir, args[0])] + list(args[1:])
        return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, timeout=timeout, cwd=self.root)

    def _log_tail(self):
        try:
            with open(self.log, encoding="utf-8", errors="replace") as f:
                return "".join(f.readlines()[-20:])
        except OSError:
            return ""

    def start(self):
        done = self._run("initdb", "-D", self.data, "--auth=trust", "-U", "postgres",
                         "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions")
        if done.returncode != 0:
            raise PostgresError("initdb failed:\n" + done.stdout)
        # The port is only probed free, so another process may take it first:
        # retry a few times with a new one.
        for _ in range(5):
            self.port = _free_port()
            options = ["-p", str(self.port), "-k", self.root]
            for setting in SERVER_SETTINGS:
                options += ["-c", setting]
            done = self._run("pg_ctl", "-D", self.data, "-l", self.log, "-w", "-t", "60",
                             "-o", " ".join(options), "start")
            if done.returncode == 0:
                return
            if "could not bind" not in self._log_tail():
                break
        raise PostgresError("pg_ctl start failed:\n" + done.stdout + self._log_tail())

    def uri(self):
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def stop(self):
        if os.path.exists(os.path.join(self.data, "postmaster.pid")):
            try:
                done = self._run("pg_ctl", "-D", self.data, "-m", "fast", "-w", "-t", "30", "stop",
                                 timeout=60)
                stopped = done.returncode == 0
            except (subprocess.SubprocessError, OSError):
                stopped = False
            if not stopped:
                self._kill_postmaster()
        shutil.rmtree(self.root, ignore_errors=True)

    def _kill_postmaster(self):
        try:
            with open(os.path.join(self.data, "postmaster.pid"), encoding="ascii") as f:
                pid = int(f.readline().strip())
            os.kill(pid, signal.SIGKILL)  # its backends exit when the postmaster dies
        except (OSError, ValueError):
            pass


class Interrupted(BaseException):
    """Raised from a signal handler so that `finally` blocks run."""

    def __init__(self, signum):
        super().__init__(signum)
        self.signum = signum


def _raise_interrupted(signum, _frame):
    raise Interrupted(signum)


@contextlib.contextmanager
def _signals_raise():
    """Turns SIGTERM/SIGINT into an exception while the server runs."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {s: signal.signal(s, _raise_interrupted) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


@contextlib.contextmanager
def running_postgres():
    """Yields the superuser URI of a fresh server; stops and deletes it afterwards."""
    with _signals_raise():
        server = _Server()
        try:
            server.start()
            yield server.uri()
        finally:
            # A second signal must not interrupt the cleanup.
            with _signals_ignored():
                server.stop()


@contextlib.contextmanager
def _signals_ignored():
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {s: signal.signal(s, signal.SIG_IGN) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


if __name__ == "__main__":
    # Smoke test: start, print the URI, stop.
    with running_postgres() as uri:
        print(uri)
    sys.exit(0)
