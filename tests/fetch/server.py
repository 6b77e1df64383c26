#!/usr/bin/env python3
"""server.py — a small web server for gloss's fetch tests (standard library
only).  It listens on 127.0.0.1 only, on a free port that it prints as
"PORT N" on its first line of output, and stops by itself after --lifetime
seconds (default 300), or with --stop-on-eof when its standard input
closes (a test that dies then takes its server with it).

    python3 server.py ROOT [--tls CERT KEY] [--lifetime S] [--stop-on-eof]
                          [--log FILE]

Files under ROOT are served by name, with an ETag (a hash of the bytes)
and a Last-Modified (the file's time), answering 304 to a conditional
request when they match, so a test changes a page by rewriting its file.
A name's suffix gives the type: .html text/html; charset=utf-8, .txt
text/plain; charset=utf-8, .latin1 text/plain; charset=ISO-8859-1, .pdf
application/pdf, .rss, .atom, .rdf and .xml their feed types.  Besides the files:

    /redirect/N/NAME   N redirects (302), then NAME
    /delay/S/NAME      NAME after S seconds (at most 20)
    /loop/a, /loop/b   redirect to each other
    /to-ftp            a redirect to an ftp:// URL
    /gzip/NAME         NAME gzip-compressed (Content-Encoding: gzip)
    /status/CODE       that status with a short HTML body (429 and 503 add
                       Retry-After: 120)
    /slow?s=S          the headers, then nothing for S seconds (at most 20)
    /huge?mb=M[&len=1] M MiB of text (at most 64), with Content-Length when len=1
    /wrong-charset     Latin-1 bytes declared as charset=utf-8
    /no-type           text with no Content-Type at all
    /headers           the request's headers, as text/plain
"""
import email.utils
import gzip
import hashlib
import os
import socket
import ssl
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".latin1": "text/plain; charset=ISO-8859-1",
    ".pdf": "application/pdf",
    ".rss": "application/rss+xml; charset=utf-8",
    ".atom": "application/atom+xml",
    ".rdf": "application/rdf+xml",
    ".xml": "application/xml",
    ".opml": "text/x-opml",
}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "gloss-test"
    sys_version = ""

    def log_message(self, fmt, *args):  # quiet: the tests read stdout
        pass

    def log_request(self, code="-", size="-"):
        """With --log FILE: one line a request, "METHOD PATH STATUS", and
        " conditional" when it carried If-None-Match or If-Modified-Since."""
        if self.server.log:
            cond = ("If-None-Match" in self.headers or "If-Modified-Since" in self.headers)
            with open(self.server.log, "a") as f:
                f.write("%s %s %s%s\n" % (self.command, self.path, getattr(code, "value", code),
                                           " conditional" if cond else ""))

    def send(self, code, body, ctype="text/plain; charset=utf-8", headers=()):
        self.send_response(code)
        if ctype:
            self.send_header("Content-Type", ctype)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def redirect(self, where):
        self.send(302, b"moved\n", headers=[("Location", where)])

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        path, query = url.path, urllib.parse.parse_qs(url.query)
        parts = path.strip("/").split("/")
        if parts[0] == "redirect" and len(parts) >= 3:
            n = int(parts[1])
            rest = "/".join(parts[2:])
            return self.redirect("/redirect/%d/%s" % (n - 1, rest) if n > 1 else "/" + rest)
        if parts[0] == "delay" and len(parts) >= 3:
            time.sleep(min(float(parts[1]), 20.0))
            self.path = "/" + "/".join(parts[2:])
            return self.do_GET()
        if path == "/loop/a":
            return self.redirect("/loop/b")
        if path == "/loop/b":
            return self.redirect("/loop/a")
        if path == "/to-ftp":
            return self.redirect("ftp://127.0.0.1/file.txt")
        if parts[0] == "status" and len(parts) == 2:
            code = int(parts[1])
            extra = [("Retry-After", "120")] if code in (429, 503) else []
            return self.send(code, b"<html><body>\x1b[31merror page\x1b[0m</body></html>\n",
                             "text/html", extra)
        if path == "/slow":
            secs = min(float(query.get("s", ["5"])[0]), 20.0)
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", "100")
            self.end_headers()
            self.wfile.flush()
            time.sleep(secs)
            self.wfile.write(b"x" * 100)
            return
        if path == "/huge":
            mb = min(int(query.get("mb", ["40"])[0]), 64)
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            if query.get("len", ["0"])[0] == "1":
                self.send_header("Content-Length", str(mb << 20))
            else:
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            line = b"All work and no play makes a very long article.\n" * 1024
            sent = 0
            try:
                while sent < mb << 20:
                    chunk = line[: (mb << 20) - sent]
                    self.wfile.write(chunk)
                    sent += len(chunk)
            except OSError:
                pass
            return
        if path == "/wrong-charset":
            return self.send(200, "Caf\u00e9 cr\u00e8me in Z\u00fcrich, said the na\u00efve writer.\n"
                             .encode("latin-1"), "text/plain; charset=utf-8")
        if path == "/no-type":
            return self.send(200, b"A page that says nothing of its type.\n", None)
        if path == "/headers":
            return self.send(200, str(self.headers).encode("utf-8", "replace"))
        gz = False
        if parts[0] == "gzip" and len(parts) >= 2:
            gz = True
            parts = parts[1:]
        name = "/".join(parts)
        full = os.path.realpath(os.path.join(self.server.root, name))
        if (not name or not full.startswith(self.server.root + os.sep)
                or not os.path.isfile(full)):
            return self.send(404, b"<html><body>not found</body></html>\n", "text/html")
        with open(full, "rb") as f:
            body = f.read()
        etag = '"%s"' % hashlib.sha256(body).hexdigest()[:16]
        mtime = int(os.stat(full).st_mtime)
        lastmod = email.utils.formatdate(mtime, usegmt=True)
        validators = [("ETag", etag), ("Last-Modified", lastmod)]
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        unchanged = False
        if inm is not None:
            unchanged = etag in [t.strip() for t in inm.split(",")]
        elif ims is not None:
            try:
                unchanged = mtime <= email.utils.parsedate_to_datetime(ims).timestamp()
            except (TypeError, ValueError):
                unchanged = False
        if unchanged:
            self.send_response(304)
            for k, v in validators:
                self.send_header(k, v)
            self.end_headers()
            return
        ctype = TYPES.get(os.path.splitext(name)[1], "application/octet-stream")
        headers = list(validators)
        if gz:
            if "gzip" not in self.headers.get("Accept-Encoding", ""):
                return self.send(406, b"gzip only\n")
            body = gzip.compress(body)
            headers.append(("Content-Encoding", "gzip"))
        self.send(200, body, ctype, headers)


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit("usage: server.py ROOT [--tls CERT KEY] [--lifetime S] [--stop-on-eof]")
    root = os.path.realpath(args[0])
    tls = None
    lifetime = 300.0
    stop_on_eof_wanted = False
    log = None
    i = 1
    while i < len(args):
        if args[i] == "--tls":
            tls = (args[i + 1], args[i + 2])
            i += 3
        elif args[i] == "--lifetime":
            lifetime = float(args[i + 1])
            i += 2
        elif args[i] == "--log":
            log = args[i + 1]
            i += 2
        elif args[i] == "--stop-on-eof":
            stop_on_eof_wanted = True
            i += 1
        else:
            sys.exit("server.py: unknown argument " + args[i])
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.root = root
    server.log = log
    if tls:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(tls[0], tls[1])
        server.socket = ctx.wrap_socket(server.socket, server_side=True)
    port = server.server_address[1]
    print("PORT %d" % port, flush=True)

    def stop_on_eof():
        try:
            sys.stdin.read()
        except (OSError, ValueError):
            return
        server.shutdown()

    if stop_on_eof_wanted:
        threading.Thread(target=stop_on_eof, daemon=True).start()
    threading.Timer(lifetime, server.shutdown).start()
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()
        os._exit(0)


if __name__ == "__main__":
    socket.setdefaulttimeout(30)
    main()
