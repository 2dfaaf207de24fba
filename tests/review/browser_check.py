#!/usr/bin/env python3
"""Open `zhclaim show` pages in real headless Chromium and check them.

usage: browser_check.py SHOT_DIR PAGE.html:RECORDS.jsonl [INDEX.html:-] [...]

For each page: load it through the DevTools protocol (Python standard
library only: a minimal WebSocket client), then check that it has one
`.claim` element per record of RECORDS (same kinds and spans, in order),
that the console holds no error and no exception was thrown, that focusing
a claim shows its record, that a table row click brings its claim into
focus, that sorting and the kind filter work, and that the page fits 1280
px and a 390 px phone width without sideways scrolling. A screenshot at
each width, and one with a claim's record shown, is written to SHOT_DIR. No display is needed.
"""
import base64
import json
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.request

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--remote-debugging-port=0", "--hide-scrollbars"]


class WebSocket:
    """Just enough of RFC 6455 for the DevTools protocol: text frames."""

    def __init__(self, url):
        assert url.startswith("ws://")
        hostport, path = url[5:].split("/", 1)
        host, port = hostport.split(":")
        self.sock = socket.create_connection((host, int(port)), timeout=30)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET /{path} HTTP/1.1\r\nHost: {hostport}\r\nUpgrade: websocket\r\n"
                           f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                           "Sec-WebSocket-Version: 13\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(1)
            if not chunk:
                raise RuntimeError("DevTools closed the connection")
            head += chunk
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise RuntimeError("WebSocket upgrade refused: " + head.decode(errors="replace"))

    def send(self, text):
        data = text.encode()
        mask = os.urandom(4)
        n = len(data)
        if n < 126:
            header = struct.pack("!BB", 0x81, 0x80 | n)
        elif n < 65536:
            header = struct.pack("!BBH", 0x81, 0x80 | 126, n)
        else:
            header = struct.pack("!BBQ", 0x81, 0x80 | 127, n)
        self.sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))

    def _exact(self, n):
        buf = b""
        while len(buf) < n:
            chunk = self.sock.recv(n - len(buf))
            if not chunk:
                raise RuntimeError("DevTools closed the connection")
            buf += chunk
        return buf

    def recv(self):
        message = b""
        while True:
            b0, b1 = self._exact(2)
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack("!H", self._exact(2))[0]
            elif n == 127:
                n = struct.unpack("!Q", self._exact(8))[0]
            payload = self._exact(n)
            op = b0 & 0x0F
            if op == 0x9:  # ping
                continue
            message += payload
            if b0 & 0x80:
                return message.decode()


class Page:
    def __init__(self, ws):
        self.ws = ws
        self.next_id = 0
        self.events = []

    def call(self, method, **params):
        self.next_id += 1
        my = self.next_id
        self.ws.send(json.dumps({"id": my, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == my:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            self.events.append(msg)

    def wait_event(self, name, timeout=30):
        end = time.time() + timeout
        while time.time() < end:
            for i, e in enumerate(self.events):
                if e.get("method") == name:
                    return self.events.pop(i)
            self.events.append(json.loads(self.ws.recv()))
        raise RuntimeError(f"no {name} within {timeout} s")

    def js(self, expr):
        r = self.call("Runtime.evaluate", expression=expr, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in r:
            raise RuntimeError(f"evaluating {expr[:60]}: {r['exceptionDetails']}")
        return r["result"].get("value")

    def errors(self):
        out = []
        for e in self.events:
            m, p = e.get("method"), e.get("params", {})
            if m == "Runtime.exceptionThrown":
                out.append("exception: " + json.dumps(p["exceptionDetails"])[:300])
            elif m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                out.append("console.error: " + json.dumps(p.get("args"))[:300])
            elif m == "Log.entryAdded" and p["entry"].get("level") == "error":
                out.append("log: " + p["entry"].get("text", "")[:300])
        return out


def start_browser(profile):
    proc = subprocess.Popen([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    port_file = os.path.join(profile, "DevToolsActivePort")
    end = time.time() + 60
    while time.time() < end:
        if os.path.exists(port_file):
            lines = open(port_file).read().split()
            if len(lines) >= 2:
                return proc, int(lines[0])
        if proc.poll() is not None:
            raise RuntimeError(f"chromium exited with {proc.returncode}")
        time.sleep(0.1)
    proc.kill()
    raise RuntimeError("chromium did not open its DevTools port")


def page_socket(port):
    end = time.time() + 30
    while time.time() < end:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list") as r:
            targets = [t for t in json.load(r) if t.get("type") == "page"]
        if targets:
            return WebSocket(targets[0]["webSocketDebuggerUrl"])
        time.sleep(0.2)
    raise RuntimeError("no page target")


def check(page, html, records, shots, failures):
    name = os.path.basename(html)
    page.events.clear()
    page.call("Emulation.setDeviceMetricsOverride", width=1280, height=900,
              deviceScaleFactor=1, mobile=False)
    page.call("Page.navigate", url="file://" + os.path.abspath(html))
    page.wait_event("Page.loadEventFired")
    ready = page.js("document.documentElement.getAttribute('data-ready')")
    claims = page.js("Array.from(document.querySelectorAll('.claim')).map(e => "
                     "[e.dataset.kind, +e.dataset.start, +e.dataset.end])")
    want = [[r["kind"], r["span"][0], r["span"][1]] for r in records]
    problems = []
    # Each claim shows the text its record names (the document's bytes at
    # the span, decoded), unless an enclosing claim cuts it short.
    shown_text = page.js("Array.from(document.querySelectorAll('.claim')).map(e => {"
                         " const p = e.parentElement.closest('.claim, .miss');"
                         " const cut = p && +e.dataset.end > +p.dataset.end;"
                         " const h = e.closest('section.doc').querySelector('h2');"
                         " return [h ? h.textContent : '', e.dataset.kind, +e.dataset.start,"
                         " +e.dataset.end, cut ? null : e.textContent]; })")
    multi = any(t[0] for t in shown_text)
    by_span = {(r["doc"] if multi else "", r["kind"], r["span"][0], r["span"][1]):
               r["text"].replace("\r\n", "\n") for r in records}
    wrong_text = [t for t in shown_text if t[4] is None
                  or by_span.get(tuple(t[:4])) != t[4]]
    cut = sum(1 for t in shown_text if t[4] is None)
    wrong_text = [t for t in wrong_text if t[4] is not None]
    if wrong_text:
        problems.append(f"{len(wrong_text)} claims show other text than their record's, e.g. "
                        f"{wrong_text[0]} (record: {by_span.get(tuple(wrong_text[0][:4]))!r})")

    if ready != "1":
        problems.append("the script did not finish starting (data-ready unset)")
    if sorted(claims) != sorted(want):
        problems.append(f"{len(claims)} .claim elements for {len(want)} records, or other spans")
    if want:
        tip = page.js("(() => { const c = document.querySelector('.claim'); c.focus();"
                      " const t = document.getElementById('tip');"
                      " return [getComputedStyle(t).display, t.textContent]; })()")
        if tip[0] != "block" or "value" not in tip[1] or "kind" not in tip[1]:
            problems.append(f"focusing a claim shows no record: {tip}")
        shot = page.call("Page.captureScreenshot", format="png")
        with open(os.path.join(shots, f"{os.path.splitext(name)[0]}-tooltip.png"), "wb") as f:
            f.write(base64.b64decode(shot["data"]))
        page.js("document.activeElement.blur()")
        last = page.js("(() => { const rows = document.querySelectorAll('table.claims tbody tr');"
                       " const r = rows[rows.length - 1]; r.click();"
                       " return [r.dataset.target, document.activeElement.id]; })()")
        if last[0] != last[1]:
            problems.append(f"a row click did not focus its claim: {last}")
        order = page.js("(() => { const t = document.querySelector('table.claims');"
                        " t.tHead.rows[0].cells[3].click(); t.tHead.rows[0].cells[3].click();"
                        " return Array.from(t.tBodies[0].rows).map(r => +r.cells[3].dataset.sort);"
                        " })()")
        if order != sorted(order, reverse=True):
            problems.append("sorting by value (twice: descending) left the rows out of order")
        kinds = sorted({r["kind"] for r in records})
        shown = page.js("(() => { const s = document.querySelector('section.doc');"
                        " const sel = s.querySelector('select.kind-filter');"
                        f" sel.value = {json.dumps(kinds[0])};"
                        " sel.dispatchEvent(new Event('change'));"
                        " const rows = Array.from(s.querySelectorAll('table.claims tbody tr'));"
                        " const vis = rows.filter(r => !r.hidden).map(r => r.dataset.kind);"
                        " sel.value = ''; sel.dispatchEvent(new Event('change'));"
                        " return vis; })()")
        if not shown or any(k != kinds[0] for k in shown):
            problems.append(f"the kind filter ({kinds[0]}) shows {shown[:5]}")
    for width, height, mobile, label in ((1280, 900, False, "1280"), (390, 844, True, "phone")):
        page.call("Emulation.setDeviceMetricsOverride", width=width, height=height,
                  deviceScaleFactor=1, mobile=mobile)
        page.js("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)")
        wide = page.js("document.documentElement.scrollWidth")
        if wide > width + 1:
            culprit = page.js("Array.from(document.querySelectorAll('body *')).filter(e =>"
                              f" e.getBoundingClientRect().right > {width} + 1).map(e =>"
                              " e.tagName + '.' + e.className).slice(0, 5).join(' ')")
            problems.append(f"at {label} width the page is {wide} px wide (scrolls sideways):"
                            f" {culprit}")
        shot = page.call("Page.captureScreenshot", format="png")
        path = os.path.join(shots, f"{os.path.splitext(name)[0]}-{label}.png")
        with open(path, "wb") as f:
            f.write(base64.b64decode(shot["data"]))
    problems += page.errors()
    status = "ok" if not problems else "FAILED"
    print(f"{name}: {len(claims)} .claim for {len(want)} records, "
          f"{len(shown_text) - cut} showing their record's text ({cut} cut by an enclosing one); "
          "console clean: "
          f"{not page.errors()}; screenshots {shots}/{os.path.splitext(name)[0]}-*.png: {status}")
    for p in problems:
        print("   ", p)
        failures.append(f"{name}: {p}")


def check_index(page, html, shots, failures):
    """An index page: no claims, every link leads to a page that exists."""
    page.events.clear()
    page.call("Emulation.setDeviceMetricsOverride", width=1280, height=900,
              deviceScaleFactor=1, mobile=False)
    page.call("Page.navigate", url="file://" + os.path.abspath(html))
    page.wait_event("Page.loadEventFired")
    links = page.js("Array.from(document.querySelectorAll('table a')).map(a => a.getAttribute('href'))")
    problems = [f"link to a missing page {h}" for h in links
                if not os.path.exists(os.path.join(os.path.dirname(html), h))]
    if not links:
        problems.append("no document links")
    name = os.path.splitext(os.path.basename(html))[0]
    for width, height, mobile, label in ((1280, 900, False, "1280"), (390, 844, True, "phone")):
        page.call("Emulation.setDeviceMetricsOverride", width=width, height=height,
                  deviceScaleFactor=1, mobile=mobile)
        wide = page.js("document.documentElement.scrollWidth")
        if wide > width + 1:
            problems.append(f"at {label} width the page is {wide} px wide (scrolls sideways)")
        shot = page.call("Page.captureScreenshot", format="png")
        with open(os.path.join(shots, f"{name}-{label}.png"), "wb") as f:
            f.write(base64.b64decode(shot["data"]))
    problems += page.errors()
    print(f"{os.path.basename(html)}: index of {len(links)} documents; console clean: "
          f"{not page.errors()}: {'ok' if not problems else 'FAILED'}")
    for p in problems:
        print("   ", p)
        failures.append(f"{html}: {p}")


def main():
    shots = sys.argv[1]
    os.makedirs(shots, exist_ok=True)
    profile = tempfile.mkdtemp(prefix="zhclaim-chromium-")
    proc = None
    failures = []
    try:
        proc, port = start_browser(profile)
        page = Page(page_socket(port))
        for m in ("Page.enable", "Runtime.enable", "Log.enable"):
            page.call(m)
        # A headless window never has the system focus; without this,
        # focus() fires no focus event.
        page.call("Emulation.setFocusEmulationEnabled", enabled=True)
        for arg in sys.argv[2:]:
            html, rec_path = arg.rsplit(":", 1)
            if rec_path == "-":
                check_index(page, html, shots, failures)
                continue
            records = [json.loads(l) for l in open(rec_path, encoding="utf-8") if l.strip()]
            check(page, html, records, shots, failures)
    finally:
        if proc:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(profile, ignore_errors=True)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
