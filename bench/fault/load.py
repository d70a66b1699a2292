#!/usr/bin/env python3
"""A small bounded load client for bench/fault/fault.sh (standard library only).

Readers fetch public pages in a loop; each writer signs in as a demo clerk, opens a draft of its body and saves
it again and again, each save writing an increasing marker into one count cell (表三 一 自然人) and one prose
part. Every answer is logged as one JSON line: {"t": seconds since the epoch at send, "dt": seconds taken,
"kind": "read"|"save"|"form", "status": HTTP status or "error: …", "marker": …}. The client runs until the file
named by --stop exists. The writers' last acknowledged and last attempted markers per report are written to
--state, for the half-saved check.
"""
import argparse
import html
import http.client
import json
import os
import re
import threading
import time
import urllib.parse

CELL = "f:t3/1/natural"


class Session:
    """One keep-alive connection with its own cookies (kept regardless of Secure: the bench serves plain HTTP)."""

    def __init__(self, host, port, timeout):
        self.host, self.port, self.timeout = host, port, timeout
        self.cookies = {}
        self.conn = None

    def request(self, method, path, form=None):
        # As the TLS proxy of docs/operations.md tells the portal (fault.sh trusts it).
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), "X-Forwarded-Proto": "https"}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (0, 1):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            try:
                self.conn.request(method, path, body=body, headers=headers)
                r = self.conn.getresponse()
                data = r.read().decode("utf-8", "replace")
                for name, value in r.getheaders():
                    if name.lower() == "set-cookie":
                        k, _, v = value.split(";")[0].partition("=")
                        if v:
                            self.cookies[k] = v
                        else:
                            self.cookies.pop(k, None)
                return r.status, r.getheader("Location"), data
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # A keep-alive connection the server closed meanwhile: reconnect once.
                self.conn.close()
                self.conn = None
                if attempt == 1:
                    raise
            except Exception:
                self.conn.close()
                self.conn = None
                raise


class Log:
    def __init__(self, path):
        self.f = open(path, "w", encoding="utf-8")
        self.lock = threading.Lock()

    def write(self, **entry):
        with self.lock:
            self.f.write(json.dumps(entry, ensure_ascii=False) + "\n")

    def close(self):
        self.f.close()


def timed(log, kind, fn, **extra):
    t = time.time()
    try:
        status, location, body = fn()
        log.write(t=t, dt=round(time.time() - t, 4), kind=kind, status=status, **extra)
        return status, location, body
    except Exception as e:  # connection refused, timeout: logged, never fatal
        log.write(t=t, dt=round(time.time() - t, 4), kind=kind, status=f"error: {type(e).__name__}", **extra)
        return None, None, ""


def token_of(page):
    m = re.search(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"', page)
    return html.unescape(m.group(1)) if m else None


def form_fields(page):
    start = page.find('id="report-form"')
    if start < 0:
        return None
    part = page[start:page.find("</form>", start)]
    fields = []
    for tag in re.findall(r"<input[^>]*>", part):
        name = re.search(r'\sname="([^"]*)"', tag)
        if not name or "disabled" in tag:
            continue
        value = re.search(r'\svalue="([^"]*)"', tag)
        fields.append((html.unescape(name.group(1)), html.unescape(value.group(1)) if value else ""))
    for name, text in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)</textarea>', part):
        fields.append((html.unescape(name), html.unescape(text)))
    return fields


def reader(args, paths, stop, log, n):
    s = Session(args.host, args.port, args.timeout)
    i = n
    while not os.path.exists(stop):
        timed(log, "read", lambda: s.request("GET", paths[i % len(paths)]))
        i += 1
        time.sleep(args.pause)


def sign_in(s, user, password):
    _, _, page = s.request("GET", "/Account/Login")
    return s.request("POST", "/Account/Login", [("Input.UserName", user), ("Input.Password", password),
                                                ("__RequestVerificationToken", token_of(page))])[0]


def writer(args, user, stop, log, state, lock):
    # Setting up (a PBKDF2 sign-in on a busy machine) may take longer than one request of the load may.
    s = Session(args.host, args.port, 60)
    status = None
    for _ in range(5):
        try:
            status = sign_in(s, user, args.password)
            if status == 302:
                break
        except Exception as e:  # noqa: BLE001 — reported below, retried
            status = f"{type(e).__name__}: {e}"
        time.sleep(1)
    if status != 302:
        raise RuntimeError(f"writer {user}: sign-in answered {status}")
    _, _, home = s.request("GET", "/clerk")
    status, location, _ = s.request("POST", "/clerk?handler=Start", [("__RequestVerificationToken", token_of(home))])
    url = location if location and re.match(r"^/clerk/reports/\d+$", location or "") else None
    if url is None:
        _, _, home = s.request("GET", "/clerk")
        ids = sorted({int(x) for x in re.findall(r'href="/clerk/reports/(\d+)"', home)})
        url = f"/clerk/reports/{ids[-1]}"
    report = int(url.rsplit("/", 1)[1])
    s.timeout = args.timeout
    if s.conn is not None:
        s.conn.close()
        s.conn = None
    marker = 0
    with lock:
        state[report] = {"user": user, "acked": None, "attempted": []}
    while not os.path.exists(stop):
        status, _, page = timed(log, "form", lambda: s.request("GET", url), report=report)
        fields = form_fields(page) if status == 200 else None
        if not fields:
            time.sleep(0.05)
            continue
        marker += 1
        changed = [(k, v) for k, v in fields if k not in (CELL, "p:s1.1")]
        changed += [(CELL, str(marker)), ("p:s1.1", f"压力测试第{marker}次保存。")]
        with lock:
            state[report]["attempted"].append(marker)
        status, _, _ = timed(log, "save", lambda: s.request("POST", url + "?handler=Save", changed), report=report, marker=marker)
        if status == 302:
            with lock:
                state[report]["acked"] = marker
        time.sleep(args.pause)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--url", required=True)
    p.add_argument("--paths", required=True, help="file with one public path a line")
    p.add_argument("--stop", required=True)
    p.add_argument("--log", required=True)
    p.add_argument("--state", required=True)
    p.add_argument("--readers", type=int, default=8)
    p.add_argument("--writers", default="clerk-qiandian,clerk-donghu-jyj")
    p.add_argument("--password", default="Demo-2025-portal")
    p.add_argument("--timeout", type=float, default=5.0)
    p.add_argument("--pause", type=float, default=0.01)
    args = p.parse_args()
    u = urllib.parse.urlparse(args.url)
    args.host, args.port = u.hostname, u.port
    paths = [line.strip() for line in open(args.paths, encoding="utf-8") if line.strip()]
    log, state, lock = Log(args.log), {}, threading.Lock()
    threads = [threading.Thread(target=reader, args=(args, paths, args.stop, log, n), daemon=True) for n in range(args.readers)]
    threads += [threading.Thread(target=writer, args=(args, w, args.stop, log, state, lock), daemon=True)
                for w in args.writers.split(",") if w]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    log.close()
    with open(args.state, "w", encoding="utf-8") as f:
        json.dump(state, f)


if __name__ == "__main__":
    main()
