"""The GIL is released while Rust works: threads give the same results as one
thread, and Python code keeps running while a long trace is under way."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import reftrace


def variants(sample: str, n: int):
    # Different articles: the list cut at different lengths.
    lines = sample.splitlines(keepends=True)
    return [(f"v{i}", "".join(lines[: len(lines) - 3 * i])) for i in range(n)]


def test_threads_give_the_results_of_one_thread(sample):
    articles = variants(sample, 8)
    serial = [reftrace.trace(t, source=s).to_dict() for s, t in articles]
    with ThreadPoolExecutor(max_workers=4) as pool:
        threaded = list(pool.map(lambda a: reftrace.trace(a[1], source=a[0]).to_dict(), articles))
    assert threaded == serial
    with ThreadPoolExecutor(max_workers=4) as pool:
        parsed = list(pool.map(lambda a: reftrace.parse(a[1], source=a[0]).to_dict(), articles))
    assert parsed == [reftrace.parse(t, source=s).to_dict() for s, t in articles]


def test_python_runs_while_a_trace_is_under_way(sample):
    # One long native call: the sample's list under a body repeated many times.
    span = reftrace.parse(sample).article.body
    body = sample.encode("utf-8")[span.start : span.end].decode("utf-8")
    big = sample.replace(body, "\n\n".join([body] * 40))
    from reftrace import _reftrace

    started = time.perf_counter()
    _reftrace.trace(big, "big.txt")
    alone = time.perf_counter() - started
    assert alone > 0.05, f"the long call took only {alone:.3f} s; make it longer"

    done = threading.Event()

    def work():
        _reftrace.trace(big, "big.txt")  # the native call alone: no Python work in it
        done.set()

    worker = threading.Thread(target=work)
    ticks = []
    worker.start()
    while not done.is_set():
        ticks.append(time.perf_counter())
        time.sleep(0.001)
    worker.join()
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    # Holding the GIL would stop this loop for the whole call (one gap ~ `alone`).
    assert len(ticks) > 10
    assert max(gaps) < alone / 2, f"longest pause {max(gaps):.3f} s of a {alone:.3f} s call"
