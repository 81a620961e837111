"""Scale-out on one machine: two `streamlit run` replicas on one workspace behind nginx.

nginx (Debian's package) routes by a `siyu_route` cookie it sets on the first response
(`hash … consistent`), so each browser session stays on one replica: its WebSocket and its
uploads reach the process that holds its session. Shown here: an upload and import through
replica A, through the proxy; replica B, running since before the import and never
restarted, lists and shows the new dataset; every request of a session went to one replica.

Needs nginx and Chromium, so `make test` skips it; `make scaleout` (and `make bench`)
installs them and runs it with SIYU_SCALEOUT=1.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from siyu.i18n import t
from tests.e2e.conftest import CHROMIUM, Server, _free_port

pytestmark = pytest.mark.skipif(
    os.environ.get("SIYU_SCALEOUT") != "1",
    reason="scale-out test: run `make scaleout` (needs nginx and chromium)",
)

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
LOG_LINE = re.compile(r"^route=(\S*) upstream=(\S*) (.*)$")

CONF = """\
{user}worker_processes 1;
error_log {dir}/error.log warn;
pid {dir}/nginx.pid;
events {{ worker_connections 1024; }}
http {{
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    log_format route 'route=$siyu_route upstream=$upstream_addr $request';
    access_log {dir}/access.log route;
    client_max_body_size 600m;

    map $http_upgrade $connection_upgrade {{ default upgrade; '' close; }}
    # sticky sessions: the route cookie, or a new random one on a first visit
    map $cookie_siyu_route $siyu_route {{ "" $request_id; default $cookie_siyu_route; }}

    upstream siyu {{
        hash $siyu_route consistent;
        server 127.0.0.1:{a};
        server 127.0.0.1:{b};
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://siyu;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $http_host;
            proxy_read_timeout 1h;
            add_header Set-Cookie "siyu_route=$siyu_route; Path=/; HttpOnly; SameSite=Lax" always;
            add_header X-Siyu-Upstream $upstream_addr always;
        }}
    }}
}}
"""


class Proxy:
    def __init__(self, folder: Path, a: int, b: int) -> None:
        self.dir = folder
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        folder.mkdir(parents=True, exist_ok=True)
        user = "user root;\n" if os.geteuid() == 0 else ""
        (folder / "nginx.conf").write_text(
            CONF.format(user=user, dir=folder, a=a, b=b, port=self.port), encoding="utf-8"
        )
        self.proc = subprocess.Popen(
            [NGINX, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=(folder / "stderr.log").open("wb"),
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError((folder / "stderr.log").read_text())
            try:
                self.upstream("probe")
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("nginx did not start")

    def upstream(self, route: str) -> str:
        """The replica (host:port) that serves a session with this route cookie."""
        req = urllib.request.Request(
            f"{self.url}/_stcore/health", headers={"Cookie": f"siyu_route={route}"}
        )
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.headers["X-Siyu-Upstream"]

    def log(self) -> list[tuple[str, str, str]]:
        lines = (self.dir / "access.log").read_text(encoding="utf-8").splitlines()
        return [m.groups() for m in map(LOG_LINE.match, lines) if m]

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=20)


@pytest.fixture
def replicas(demo_root, tmp_path, monkeypatch):
    if not Path(NGINX).exists():
        pytest.fail("nginx is missing: `make scaleout` installs Debian's nginx package")
    ws = tmp_path / "ws"
    shutil.copytree(demo_root, ws)
    # one cookie secret for both, as in production: either replica accepts the other's cookies
    monkeypatch.setenv("STREAMLIT_SERVER_COOKIE_SECRET", secrets.token_hex(16))
    a, b = Server(ws), Server(ws)
    a.start()
    try:
        b.start()
        try:
            proxy = Proxy(tmp_path / "nginx", a.port, b.port)
            try:
                yield a, b, proxy
            finally:
                proxy.stop()
        finally:
            b.stop()
    finally:
        a.stop()


@pytest.fixture
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `make scaleout` installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"])
        yield b
        b.close()


def settle(page, timeout: float = 60.0) -> None:
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=timeout * 1000)
    deadline = time.monotonic() + timeout
    idle = 0
    while time.monotonic() < deadline:
        running = page.locator('[data-testid^="stStatusWidgetRunning"]').count()
        idle = idle + 1 if not running else 0
        if idle >= 4:
            return
        page.wait_for_timeout(250)
    raise AssertionError("the app kept running")


def no_exception(page) -> None:
    errors = page.locator('[data-testid="stException"]')
    assert errors.count() == 0, errors.first.inner_text()


def card(page, key: str) -> str:
    box = page.locator('[data-testid="stMetric"]').filter(has_text=t(key, "zh-Hans"))
    return box.locator('[data-testid="stMetricValue"]').inner_text().strip()


def routes_to(proxy: Proxy, port: int) -> str:
    for i in range(200):
        route = f"r{i}"
        if proxy.upstream(route).endswith(f":{port}"):
            return route
    raise AssertionError(f"no route reaches port {port}")


def session_on(browser, proxy: Proxy, route: str):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    ctx.add_cookies([{"name": "siyu_route", "value": route, "url": proxy.url}])
    return ctx, ctx.new_page()


def test_an_import_through_replica_a_shows_on_replica_b(replicas, browser, tmp_path):
    a, b, proxy = replicas
    route_a, route_b = routes_to(proxy, a.port), routes_to(proxy, b.port)
    b_pid = b.proc.pid

    # B serves the demo before the import (so it has read the catalog and filled its cache)
    ctx_b, page_b = session_on(browser, proxy, route_b)
    first = page_b.goto(f"{proxy.url}/?dataset=demo")
    assert first.headers["x-siyu-upstream"].endswith(f":{b.port}")
    settle(page_b)
    no_exception(page_b)
    demo_gmv = card(page_b, "metric.gmv")

    # upload and import through A, via the proxy
    export = tmp_path / "有赞订单.csv"
    export.write_bytes(
        (
            "有赞订单导出 2024-04-09\n"
            "订单号,买家ID,下单时间,实付金额,订单状态\n"
            'E1,0001,2024-04-08 11:54:00,"¥1,299.00",交易成功\n'
            "E2,0002,2024-04-09 09:00:00,¥58.50,已完成\n"
            "E3,0002,2024-04-09 10:00:00,¥99.00,已退款\n"
        ).encode("gb18030")
    )
    ctx_a, page_a = session_on(browser, proxy, route_a)
    opened = page_a.goto(f"{proxy.url}/data?dataset=demo")
    assert opened.headers["x-siyu-upstream"].endswith(f":{a.port}")
    settle(page_a)
    page_a.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(export))
    page_a.get_by_text(t("data.mapping", "zh-Hans")).first.wait_for(timeout=30_000)
    settle(page_a)
    name = page_a.get_by_label(t("data.dataset_name", "zh-Hans"))
    name.fill("shop")
    name.press("Enter")
    settle(page_a)
    page_a.get_by_role("button", name=t("data.check", "zh-Hans")).click()
    page_a.get_by_text(t("data.accepted", "zh-Hans")).first.wait_for(timeout=30_000)
    settle(page_a)
    page_a.get_by_role("button", name=t("data.save", "zh-Hans")).click()
    page_a.get_by_text("shop").first.wait_for(timeout=30_000)
    settle(page_a)
    no_exception(page_a)

    # B, never restarted, shows the new dataset and its numbers
    later = page_b.goto(f"{proxy.url}/?dataset=shop")
    assert later.headers["x-siyu-upstream"].endswith(f":{b.port}")
    settle(page_b)
    no_exception(page_b)
    assert card(page_b, "metric.gmv") == "¥1,357.50" != demo_gmv
    assert card(page_b, "metric.buyers") == "2"
    assert b.proc.pid == b_pid and b.proc.poll() is None
    ctx_a.close()
    ctx_b.close()

    # sticky: every request of each session, WebSocket and upload included, hit one replica
    seen = {route_a: set(), route_b: set()}
    kinds = {route_a: set(), route_b: set()}
    for route, upstream, request in proxy.log():
        if route in seen:
            seen[route].add(upstream.rsplit(":", 1)[-1])
            kinds[route].add(request.split()[1].split("?")[0].split("/_stcore/")[-1][:11])
    assert seen[route_a] == {str(a.port)}
    assert seen[route_b] == {str(b.port)}
    assert {"stream", "upload_file"} <= kinds[route_a]
