"""A forwarding proxy that adds a fixed delay to every request: a Rekor across a network."""
import http.server, sys, time, urllib.request
target, delay = sys.argv[2], float(sys.argv[3])
class Handler(http.server.BaseHTTPRequestHandler):
    def forward(self, body=None):
        time.sleep(delay)
        req = urllib.request.Request(target + self.path, data=body, method=self.command,
                                     headers={k: v for k, v in self.headers.items() if k.lower() in ("content-type", "accept")})
        try:
            with urllib.request.urlopen(req) as r:
                data, status, ctype = r.read(), r.status, r.headers.get("Content-Type", "application/json")
        except urllib.error.HTTPError as e:
            data, status, ctype = e.read(), e.code, "application/json"
        self.send_response(status); self.send_header("Content-Type", ctype); self.send_header("Content-Length", str(len(data))); self.end_headers(); self.wfile.write(data)
    def do_GET(self): self.forward()
    def do_POST(self): self.forward(self.rfile.read(int(self.headers.get("Content-Length", 0))))
    def log_message(self, *a): pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
