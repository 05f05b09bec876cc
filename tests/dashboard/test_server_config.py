"""The shipped server configuration: one analyst's machine, nothing served to the network.

Reads .streamlit/config.toml, then starts ``streamlit run dashboard/app.py`` from the repo
root (so that config applies) on a free port and checks, from the kernel's socket table,
that it listens on loopback addresses only.  The server is always terminated.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
LOOPBACK = {"127.0.0.1", "::1"}
START_SECONDS = 60
LISTEN = "0A"                  # TCP state in /proc/net/tcp*


CONFIG_CASES = [
    # section, key,                   check,                                    why
    ("server", "address", lambda v: v in ("localhost", "127.0.0.1"), "bind to this machine only"),
    ("server", "enableXsrfProtection", lambda v: v is True, "uploads need XSRF protection"),
    ("server", "enableCORS", lambda v: v is True, "no cross-origin requests"),
    ("server", "allowedHosts", lambda v: set(v) == {"localhost", "127.0.0.1", "::1"},
     "DNS rebinding: a foreign Host header is refused even with a matching Origin"),
    ("server", "maxUploadSize", lambda v: isinstance(v, int) and 1 <= v <= 200, "uploads are capped (MB)"),
    ("browser", "gatherUsageStats", lambda v: v is False, "no telemetry"),
    ("client", "toolbarMode", lambda v: v == "minimal", "no deploy button or developer menu"),
    ("client", "showErrorDetails", lambda v: v in ("none", False), "no tracebacks in the page"),
]


@pytest.mark.parametrize("section, key, check, why", CONFIG_CASES, ids=[c[1] for c in CONFIG_CASES])
def test_config_value(section, key, check, why):
    assert key in CONFIG.get(section, {}), f"[{section}] {key} is not set ({why})"
    assert check(CONFIG[section][key]), f"[{section}] {key} = {CONFIG[section][key]!r}: {why}"


def test_upload_limits_agree():
    """The server's limit (MB) is the one the import panel announces and enforces."""
    from dashboard.byod import MAX_UPLOAD_MB
    assert CONFIG["server"]["maxUploadSize"] == MAX_UPLOAD_MB


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _ip(hex_address: str) -> str:
    """An address from /proc/net/tcp[6] (host byte order in 32-bit words) as text."""
    raw = bytes.fromhex(hex_address)
    words = b"".join(raw[i:i + 4][::-1] for i in range(0, len(raw), 4))
    return socket.inet_ntop(socket.AF_INET if len(words) == 4 else socket.AF_INET6, words)


def listening_addresses(port: int) -> set[str]:
    """Local addresses with a socket in LISTEN state on ``port`` (Linux socket table)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        path = Path(table)
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            fields = line.split()
            address, hex_port = fields[1].split(":")
            if fields[3] == LISTEN and int(hex_port, 16) == port:
                found.add(_ip(address))
    return found


def _outward_address() -> str | None:
    """This machine's address on its default route (no packet is sent), if it has one."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            sock.connect(("192.0.2.1", 9))
            address = sock.getsockname()[0]
    except OSError:
        return None
    return None if address.startswith("127.") else address


@pytest.fixture
def server():
    """``streamlit run dashboard/app.py`` from the repo root on a free port; always stopped."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard/app.py", "--server.headless", "true",
         "--server.port", str(port)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + START_SECONDS
        while not listening_addresses(port):
            if proc.poll() is not None:
                pytest.fail(f"streamlit exited with {proc.returncode}: {proc.stderr.read().decode()[-800:]}")
            if time.monotonic() > deadline:
                pytest.fail(f"streamlit did not listen on port {port} within {START_SECONDS} s")
            time.sleep(0.2)
        time.sleep(0.5)             # let it bind every address it is going to bind
        yield port
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=15)
        proc.stderr.close()


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads the Linux socket table")
def test_server_listens_on_loopback_only(server):
    addresses = listening_addresses(server)
    assert addresses and addresses <= LOOPBACK, addresses
    with urllib.request.urlopen(f"http://127.0.0.1:{server}/_stcore/health", timeout=10) as reply:
        assert reply.read() == b"ok"
    outward = _outward_address()
    if outward:
        with socket.socket() as sock, pytest.raises(OSError):
            sock.settimeout(3)
            sock.connect((outward, server))


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads the Linux socket table")
def test_socket_table_sees_a_wildcard_listener():
    """The check above can fail: a socket bound to every interface shows up as 0.0.0.0."""
    with socket.socket() as sock:
        sock.bind(("0.0.0.0", 0))
        sock.listen()
        assert listening_addresses(sock.getsockname()[1]) == {"0.0.0.0"}


def websocket_status(port: int, host: str, origin: str) -> int:
    """The HTTP status of a WebSocket handshake on Streamlit's stream with these headers."""
    request = (f"GET /_stcore/stream HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\n"
               f"Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
               f"Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: streamlit\r\n"
               f"Origin: {origin}\r\n\r\n")
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request.encode())
        reply = sock.recv(1024).decode("latin-1")
    return int(reply.split()[1]) if reply.startswith("HTTP/") else 0


# Host header, Origin header, accepted
HANDSHAKE_CASES = [
    ("localhost:{port}", "http://localhost:{port}", True),
    ("127.0.0.1:{port}", "http://127.0.0.1:{port}", True),
    ("[::1]:{port}", "http://[::1]:{port}", True),
    ("evil.example:{port}", "http://evil.example:{port}", False),      # DNS rebinding
    ("localhost.evil.example:{port}", "http://localhost.evil.example:{port}", False),
    ("evil.example:{port}", "http://localhost:{port}", False),
    ("localhost:{port}", "http://evil.example:{port}", False),         # cross-origin (CORS)
]


def corpus_handshakes() -> list[tuple[str, str, bool]]:
    """The ``server`` cases of the bad-input corpus as (Host, Origin, accepted=False)."""
    from tests.support.hostile import cases
    out = []
    for case in cases("server"):
        headers = dict(line.split(": ", 1) for line in case.inline.splitlines())
        out.append((headers["Host"].replace("PORT", "{port}"), headers["Origin"].replace("PORT", "{port}"),
                    False))
    return out


@pytest.mark.timeout(120)
def test_websocket_host_header_is_checked(server):
    for host, origin, accepted in HANDSHAKE_CASES + corpus_handshakes():
        status = websocket_status(server, host.format(port=server), origin.format(port=server))
        assert (status == 101) == accepted, (host, origin, status)
