#!/usr/bin/env python3
"""Save-to-reload latency of `folio serve`: start the server on a project, keep one live-reload event stream
open (as a browser tab would), change one post, and time from the write to the `reload` event. `make bench`
runs it on a copy of the repository's own site and on the generated 1,000-post project.

    python3 Tests/Bench/serve_latency.py --folio PATH --project DIR --post Content/posts/x.md [--edits 10]

Each edit appends a new paragraph to the post (so the post and the pages listing it change); the next edit
starts after the previous reload arrived and 300 ms more, so edits never merge into one burst. The post is
restored at the end. Prints each edit, then the median, min and max, the server's own build times, and the
median of each step those builds logged (load, render, compose, snapshot...): where the time goes.
Standard library only.
"""
import argparse
import os
import re
import select
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--folio", required=True)
    parser.add_argument("--project", required=True)
    parser.add_argument("--post", required=True, help="path of the post to edit, relative to the project")
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--label", default="")
    args = parser.parse_args()
    args.folio = os.path.abspath(args.folio)

    server = subprocess.Popen([args.folio, "serve", "--port", "0"], cwd=args.project, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, bufsize=1)
    lines, port_ready = [], threading.Event()
    port = [None]

    def read_output():
        for line in server.stdout:
            lines.append((time.perf_counter(), line.rstrip("\n")))
            match = re.search(r"serving http://127\.0\.0\.1:(\d+)/", line)
            if match:
                port[0] = int(match.group(1))
                port_ready.set()

    threading.Thread(target=read_output, daemon=True).start()
    post_path = os.path.join(args.project, args.post)
    original = open(post_path, encoding="utf-8").read()
    try:
        if not port_ready.wait(120):
            sys.exit("serve_latency: folio serve did not start:\n" + "\n".join(l for _, l in lines))
        stream = socket.create_connection(("127.0.0.1", port[0]))
        stream.sendall(b"GET /_folio/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        received = bytearray()

        def wait_for(marker, timeout=30.0):
            deadline = time.perf_counter() + timeout
            while marker not in received:
                left = deadline - time.perf_counter()
                if left <= 0 or not select.select([stream], [], [], left)[0]:
                    return None
                chunk = stream.recv(65536)
                if not chunk:
                    return None
                received.extend(chunk)
            at = time.perf_counter()
            del received[:received.index(marker) + len(marker)]
            return at

        if wait_for(b": connected") is None:
            sys.exit("serve_latency: the event stream did not start")
        latencies = []
        for edit in range(1, args.edits + 1):
            text = original.rstrip("\n") + f"\n\nEdit number {edit}, made by the latency benchmark.\n"
            start = time.perf_counter()
            with open(post_path, "w", encoding="utf-8") as handle:
                handle.write(text)
            arrived = wait_for(b"event: reload")
            if arrived is None:
                sys.exit(f"serve_latency: no reload after edit {edit}:\n" + "\n".join(l for _, l in lines[-5:]))
            latencies.append((arrived - start) * 1000)
            print(f"edit {edit:2d}: {latencies[-1]:7.1f} ms")
            time.sleep(0.3)
        time.sleep(0.2)  # the last log line may trail its event
        build_lines = [l for _, l in lines[1:] if re.search(r"^folio: build \d+ after ", l)][-len(latencies):]
        builds = [float(m.group(1)) for l in build_lines for m in [re.search(r" in (\d+) ms", l)] if m]
        print(f"{args.label}save-to-reload median {statistics.median(latencies):.0f} ms "
              f"(min {min(latencies):.0f}, max {max(latencies):.0f}) over {len(latencies)} edits; "
              f"server rebuild median {statistics.median(builds) if builds else float('nan'):.0f} ms")
        # Where the rebuild's time goes: the median of each step the server logs ("(load 12 · render 3 ms)").
        steps = {}
        for l in build_lines:
            timings = re.search(r"\(([^()]*) ms\)", l)
            for part in (timings.group(1).split(" · ") if timings else []):
                name, _, ms = part.rpartition(" ")
                steps.setdefault(name, []).append(float(ms))
        if steps:
            print(f"{args.label}steps (median ms): "
                  + " · ".join(f"{name} {statistics.median(values):.0f}" for name, values in steps.items()))
    finally:
        with open(post_path, "w", encoding="utf-8") as handle:
            handle.write(original)
        server.send_signal(signal.SIGINT)
        try:
            server.wait(5)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    main()
