"""A minimal Streamlit client: one browser session without a browser.

It speaks the app's own WebSocket protocol (`/_stcore/stream`, protobuf `BackMsg` and
`ForwardMsg`), asks for a page like the browser does (a `rerun_script` with the page's URL
name and query string) and waits for `script_finished`. A render's time is from the request
to that message: the server's share of a page view, without drawing in a browser. Exceptions
the page shows (`st.exception` elements, as an uncaught error draws) are collected.

    async with Session("http://127.0.0.1:8501") as s:
        r = await s.render("retention", "dataset=bench")
        r.seconds, r.exceptions, r.status
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg


@dataclass
class Render:
    page: str
    seconds: float
    status: str
    exceptions: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status == "FINISHED_SUCCESSFULLY" and not self.exceptions


class Session:
    """One session of a running app at `url` (http://host:port); extra headers go along."""

    def __init__(self, url: str, headers: dict[str, str] | None = None) -> None:
        self.ws_url = url.replace("http://", "ws://").rstrip("/") + "/_stcore/stream"
        self.headers = headers or {}
        self.ws = None
        self.pages: dict[str, str] = {}  # url name -> page_script_hash

    async def __aenter__(self) -> Session:
        self.ws = await websockets.connect(
            self.ws_url,
            subprotocols=["streamlit"],
            additional_headers=self.headers,
            max_size=None,
            open_timeout=60,
            ping_interval=None,
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.ws.close()

    async def render(self, page: str = "", query: str = "", timeout: float = 600) -> Render:
        """Open page `page` (its URL name, "" for the main page) with `query` and wait."""
        msg = BackMsg()
        msg.rerun_script.query_string = query
        msg.rerun_script.page_name = page
        if page in self.pages:
            msg.rerun_script.page_script_hash = self.pages[page]
        started = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        out = Render(page=page or "app", seconds=0.0, status="TIMEOUT")
        deadline = started + timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                return out
            try:
                raw = await asyncio.wait_for(self.ws.recv(), timeout=left)
            except TimeoutError:
                return out
            fwd = ForwardMsg()
            fwd.ParseFromString(raw)
            kind = fwd.WhichOneof("type")
            if kind == "new_session":
                for p in fwd.new_session.app_pages:
                    self.pages[p.url_pathname] = p.page_script_hash
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                el = fwd.delta.new_element
                which = el.WhichOneof("type")
                if which == "exception":
                    out.exceptions.append(f"{el.exception.type}: {el.exception.message}")
                elif which == "heading":
                    out.titles.append(el.heading.body)
            elif kind == "script_finished":
                status = ForwardMsg.ScriptFinishedStatus.Name(fwd.script_finished)
                if status == "FINISHED_EARLY_FOR_RERUN":
                    continue  # the page asked for a rerun (st.rerun): the next run counts
                out.status = status
                out.seconds = time.perf_counter() - started
                return out
