"""A tiny in-process Prometheus registry: a request counter and a latency histogram.

Each process exposes its own numbers; Prometheus sums them across `web` processes.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterable

from aiohttp import web

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, math.inf)
UNMATCHED_ROUTE = "unmatched"

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def _escape(value: str) -> str:
    # The exposition format escapes exactly these three characters in label values.
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def _labels(pairs: Iterable[tuple[str, str]]) -> str:
    return "{" + ",".join(f'{name}="{_escape(value)}"' for name, value in pairs) + "}"


def _number(value: float) -> str:
    return "+Inf" if value == math.inf else repr(float(value))


class MetricsRegistry:
    """Counts requests by method, route and status and observes their duration."""

    def __init__(self, prefix: str = "itb") -> None:
        self._prefix = prefix
        self._requests: dict[tuple[str, str, str], int] = defaultdict(int)
        self._bucket_counts: dict[tuple[str, str], list[int]] = {}
        self._sums: dict[tuple[str, str], float] = defaultdict(float)

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        self._requests[(method, route, str(status))] += 1
        key = (method, route)
        counts = self._bucket_counts.setdefault(key, [0] * len(LATENCY_BUCKETS))
        for index, bound in enumerate(LATENCY_BUCKETS):
            if seconds <= bound:
                counts[index] += 1
        self._sums[key] += seconds

    def render(self) -> str:
        """The registry in the Prometheus text exposition format (version 0.0.4)."""
        requests = f"{self._prefix}_http_requests_total"
        latency = f"{self._prefix}_http_request_duration_seconds"
        lines = [f"# HELP {requests} HTTP requests answered, by method, route and status.",
                 f"# TYPE {requests} counter"]
        for (method, route, status), count in sorted(self._requests.items()):
            labels = _labels([("method", method), ("route", route), ("status", status)])
            lines.append(f"{requests}{labels} {count}")
        lines += [f"# HELP {latency} Time to answer HTTP requests, by method and route.",
                  f"# TYPE {latency} histogram"]
        for (method, route), counts in sorted(self._bucket_counts.items()):
            base = [("method", method), ("route", route)]
            for bound, count in zip(LATENCY_BUCKETS, counts, strict=True):
                lines.append(f"{latency}_bucket{_labels([*base, ('le', _number(bound))])} "
                             f"{count}")
            lines.append(f"{latency}_sum{_labels(base)} {self._sums[(method, route)]!r}")
            lines.append(f"{latency}_count{_labels(base)} {counts[-1]}")
        return "\n".join(lines) + "\n"


def route_label(request: web.Request) -> str:
    """The route template (`/api/projects/{id}`), never the concrete path.

    Concrete paths carry ids and tokens: as labels they would leak secrets and make the
    number of time series unbounded.
    """
    resource = request.match_info.route.resource
    return resource.canonical if resource is not None else UNMATCHED_ROUTE


def metrics_middleware(registry: MetricsRegistry) -> Callable[..., Awaitable[web.StreamResponse]]:
    """Observe every request, including the ones answered with an error."""

    @web.middleware
    async def observe_request(request: web.Request, handler: Handler) -> web.StreamResponse:
        started = time.perf_counter()
        status = 500
        try:
            response = await handler(request)
            status = response.status
            return response
        except web.HTTPException as exc:
            status = exc.status
            raise
        except asyncio.CancelledError:
            # The client went away first; 499 is the customary "client closed request".
            status = 499
            raise
        finally:
            registry.observe(request.method, route_label(request), status,
                             time.perf_counter() - started)

    return observe_request

