#!/usr/bin/env python3
"""Writes N lines in the worker stack's log format (deterministic), for the access-log comparisons."""
import random
import sys

count = int(sys.argv[1])
out = sys.stdout
rng = random.Random(42)
methods = ["GET"] * 8 + ["POST", "PUT", "DELETE", "HEAD"]
statuses = ["200"] * 12 + ["201", "204", "301", "302", "304", "400", "401", "403", "404", "404", "500", "502", "503"]
paths = ["/", "/api/items", "/api/items/42", "/static/app.js", "/static/style.css", "/login", "/health", "/api/search?q=shoes&page=2"]
agents = [
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
    "curl/7.88.1",
    "Prometheus/2.42.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1",
]
lines = []
for i in range(count):
    lines.append('10.0.%d.%d - - [24/Nov/2026:02:%02d:%02d +0000] "%s %s HTTP/1.1" %s %d "-" "%s" rt=%.3f\n' % (
        rng.randrange(256), rng.randrange(1, 255), (i // 60) % 60, i % 60, rng.choice(methods), rng.choice(paths),
        rng.choice(statuses), rng.randrange(0, 50000), rng.choice(agents), rng.random() * 0.5))
    if len(lines) == 10000:
        out.write("".join(lines))
        lines = []
out.write("".join(lines))
