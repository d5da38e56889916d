"""Helpers shared by the benchmarks in tools/bench/ (python3 stdlib only).

Every process started here is stopped by its PID before the helper returns.
"""
import contextlib
import os
import re
import shutil
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path


@contextlib.contextmanager
def workdir():
    path = tempfile.mkdtemp(prefix="gatehouse-bench-")
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def check_call(cmd, cwd=None):
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL)


@dataclass
class Config:
    path: str
    auth_url: str
    internal_url: str
    health_url: str


def generate_config(build, work):
    """A generated config (the real generator) moved to free ports."""
    path = str(Path(work) / "config.yaml")
    check_call([str(Path(build) / "auth/gatehouse"), "config", "generate", "-o", path], cwd=work)
    auth, internal = free_port(), free_port()
    text = Path(path).read_text()
    text = text.replace("127.0.0.1:8080", f"127.0.0.1:{auth}").replace("127.0.0.1:8081", f"127.0.0.1:{internal}")
    Path(path).write_text(text)
    return Config(path, f"http://127.0.0.1:{auth}", f"http://127.0.0.1:{internal}",
                  f"http://127.0.0.1:{auth}/health")


def rss_bytes(pid):
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) * 1024


def _answers_200(url):
    try:
        with urllib.request.urlopen(url, timeout=1) as r:
            return r.status == 200
    except OSError:
        return False


def stop(proc):
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def measure_startups(make_command, runs, cwd=None):
    """Starts the server `runs` times; returns (ms from exec to first 200 per run, idle RSS after the last)."""
    times, rss = [], 0
    for i in range(runs):
        cmd, url = make_command(free_port())
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            while not _answers_200(url):
                if proc.poll() is not None:
                    raise RuntimeError(f"{cmd[0]} exited with {proc.returncode} before answering")
                if time.perf_counter() - start > 10:
                    raise RuntimeError(f"{cmd[0]} did not answer {url} within 10 s")
                time.sleep(0.001)
            times.append((time.perf_counter() - start) * 1000)
            if i == runs - 1:
                time.sleep(1.0)  # let it settle into idle
                rss = rss_bytes(proc.pid)
        finally:
            stop(proc)
    return times, rss


def median(values):
    return statistics.median(values)


# --- HTTP load with wrk (used by tools/bench/oauth) -------------------------

def wait_for(url, proc, timeout=30):
    """Waits until `url` answers 200; raises if `proc` exits or time runs out."""
    start = time.perf_counter()
    while not _answers_200(url):
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode} before answering {url}")
        if time.perf_counter() - start > timeout:
            raise RuntimeError(f"{url} did not answer within {timeout} s")
        time.sleep(0.05)


def start_pinned(cmd, core, cwd=None, env=None):
    """Starts `cmd` pinned to one CPU core with taskset; stop it with stop()."""
    return subprocess.Popen(["taskset", "-c", str(core)] + list(cmd), cwd=cwd, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wrk_lua(work, name, method="GET", body=None, headers=None):
    """Writes a wrk Lua script setting method, body and headers; returns its path."""
    def q(s):
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
    lines = [f"wrk.method = {q(method)}"]
    if body is not None:
        lines.append(f"wrk.body = {q(body)}")
    for k, v in (headers or {}).items():
        lines.append(f"wrk.headers[{q(k)}] = {q(v)}")
    path = Path(work) / f"{name}.lua"
    path.write_text("\n".join(lines) + "\n")
    return str(path)


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text):
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    return float(m.group(1)) * _UNITS[m.group(2)]


@dataclass
class Load:
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int  # non-2xx/3xx answers plus socket errors
    # CPU time (user + system, all threads) the server process spent per
    # request during the run; None when its pid was not given. Less
    # sensitive than req/s to other load on the machine.
    cpu_us: float | None = None
    # The same for the other processes named by wrk(other_pids=...), such
    # as the database server's.
    other_cpu_us: float | None = None


def processes_named(name):
    """Pids of this machine's processes whose command is `name` (all of a
    PostgreSQL server's: postmaster and backends)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() == name:
                    pids.append(int(entry.name))
            except OSError:
                pass  # gone meanwhile
    return pids


def _cpu_of(pids):
    total = {}
    for p in pids:
        try:
            total[p] = cpu_seconds(p)
        except OSError:
            pass  # gone meanwhile
    return total


def cpu_seconds(pid):
    """User + system CPU time of process `pid` (all its threads) so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wrk(url, script, core, threads=1, connections=16, seconds=5, warmup=1, pids=(), other_pids=None):
    """A warm-up of `warmup` s, then `wrk -tT -cC -dSs --latency` pinned to `core`.
    `pids`: the processes serving it, whose CPU time per request is reported.
    `other_pids`: a callable naming more processes (after the warm-up), whose
    CPU time per request is reported apart (other_cpu_us)."""
    base = ["taskset", "-c", str(core), "wrk", f"-t{threads}", f"-c{connections}", "-s", script]
    if warmup:
        subprocess.run(base + [f"-d{warmup}s", url], check=True, stdout=subprocess.DEVNULL,
                       timeout=warmup + 30)
    cpu_before = sum(cpu_seconds(p) for p in pids)
    others_before = _cpu_of(other_pids()) if other_pids else {}
    out = subprocess.run(base + [f"-d{seconds}s", "--latency", url], check=True, text=True,
                         stdout=subprocess.PIPE, timeout=seconds + 30).stdout
    cpu_after = sum(cpu_seconds(p) for p in pids)
    others_after = _cpu_of(others_before)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    errors = 0
    m = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    if m:
        errors += int(m.group(1))
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if m:
        errors += sum(int(x) for x in m.groups())
    cpu_us = (cpu_after - cpu_before) * 1e6 / requests if pids and requests else None
    other_cpu_us = None
    if others_before and requests:
        spent = sum(others_after[p] - others_before[p] for p in others_after)
        other_cpu_us = spent * 1e6 / requests
    return Load(rps, p50, p99, requests, errors, cpu_us, other_cpu_us)


# --- the auth service and the homeserver together ---------------------------

@dataclass
class Pair:
    config: str            # the auth service's config.yaml
    homeserver_config: str
    matrix_secret: str
    auth_url: str
    homeserver_url: str


def generate_pair(build, work, extra_auth_yaml=""):
    """The real generator's config pair, moved to free ports, with
    `extra_auth_yaml` appended to the auth service's config."""
    gh = str(Path(build) / "auth/gatehouse")
    cfg, hs_cfg = str(Path(work) / "config.yaml"), str(Path(work) / "homeserver.yaml")
    check_call([gh, "config", "generate", "-o", cfg, "--homeserver-output", hs_cfg], cwd=work)
    ports = {p: free_port() for p in (8080, 8081, 8008)}

    def move(text):
        for old, new in ports.items():
            text = text.replace(f"127.0.0.1:{old}", f"127.0.0.1:{new}")
        return re.sub(r"^(\s*-?\s*port:\s*)8008\s*$", lambda m: f"{m.group(1)}{ports[8008]}", text,
                      flags=re.M)

    Path(cfg).write_text(move(Path(cfg).read_text()) + extra_auth_yaml)
    Path(hs_cfg).write_text(move(Path(hs_cfg).read_text()))
    secret = re.search(r'^\s*secret:\s*"?([^"\n]+)"?\s*$', Path(hs_cfg).read_text(), re.M).group(1)
    return Pair(cfg, hs_cfg, secret, f"http://127.0.0.1:{ports[8080]}", f"http://127.0.0.1:{ports[8008]}")
