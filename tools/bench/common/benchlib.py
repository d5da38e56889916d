"""Helpers shared by the benchmarks in tools/bench/ (python3 stdlib only).

Every process started here is stopped by its PID before the helper returns.
"""
import contextlib
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
