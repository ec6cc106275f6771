#!/usr/bin/env python3
"""Sends COUNT RFC 3164 datagrams (as nginx's access_log syslog: writes them) from one UDP socket, cycling
through the lines of LINES_FILE, as fast as it can or until DEADLINE seconds pass. Prints "sent seconds"."""
import socket
import sys
import time

host, port, count, lines_file, deadline = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], float(sys.argv[5])
with open(lines_file, "rb") as f:
    messages = [b"<190>Dec  3 04:00:00 host nginx: " + line.rstrip(b"\n") for line in f if line.strip()]
sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.connect((host, port))
send = sock.send
n = len(messages)
sent = 0
start = time.monotonic()
stop_at = start + deadline
while sent < count:
    batch = min(count - sent, n)
    for i in range(batch):
        send(messages[i])
    sent += batch
    if time.monotonic() > stop_at:
        break
print(sent, "%.3f" % (time.monotonic() - start))
