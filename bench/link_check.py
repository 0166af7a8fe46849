"""Benchmark: `prongsai links check` against LinkChecker on the same URLs, and aiohttp vs httpx.

    python bench/link_check.py [--urls 2000] [--hosts 20] [--timeout 2] [--no-linkchecker]

Starts, in a separate process, a test server on loopback: HOSTS sites on 127.0.0.11,
127.0.0.12 … (one port), plus 127.0.0.99 as "somewhere else". Every URL has a latency
of 20–500 ms (most of them short, as real sites) and a known truth: a real page of the
fiscal year (Thai digits or CE), a real PDF, a page of another year, a dead page (404 or
500), a slow page (longer than the timeout), a soft 404 (a quarter of the sites answer
200 to any address), a redirect inside the site, a redirect away, a 429 with
Retry-After, an HTML page where a PDF was promised.

Then it measures:
1. the two HTTP clients alone: 3,000 GETs to a zero-latency page, 100 at a time;
2. `prongsai links check --format jsonl` as a whole process: time, URLs/s, peak memory
   (maxrss), and every verdict against the truth (wrong verdicts are listed);
3. LinkChecker (`pip install linkchecker`, for the bench only) on the same list with the
   same per-host politeness: as many threads as prongsai has requests in flight (hosts ×
   per-host limit), maxrequestspersecond = 1/delay (the server sends the header that lets
   LinkChecker go above 10/s), the same timeout, recursion level 0.

It prints the figures and the throughput ratio. It is not a test; `--urls 100` is a
CI-size smoke.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from aiohttp import web

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.link_server import tiny_pdf  # noqa: E402

YEAR = 2567
AWAY = "127.0.0.99"
SLOW_SECONDS = 5.0
KINDS = (  # (kind, share, verdict prongsai must give)
    ("page", 0.52, "ok"),
    ("page_ce", 0.08, "ok"),
    ("pdf", 0.05, "ok"),
    ("old_year", 0.06, "wrong_year"),
    ("dead", 0.06, "broken"),
    ("error", 0.02, "broken"),
    ("slow", 0.01, "timeout"),
    ("redirect_inside", 0.05, "ok"),
    ("redirect_away", 0.04, "off_domain"),
    ("limited", 0.01, "ok"),
    ("fake_pdf", 0.02, "warning"),
    ("soft", 0.08, "soft_404"),  # only on soft-404 sites; elsewhere these are real pages
)
THAI_WORDS = [
    "ประกาศ",
    "รายงาน",
    "ผลการดำเนินงาน",
    "แผน",
    "งบประมาณ",
    "จัดซื้อจัดจ้าง",
    "ข้อมูล",
    "สาธารณะ",
]


@dataclass(frozen=True)
class Spec:
    kind: str
    latency: float
    size: int
    truth: str


def thai_digits(text: str) -> str:
    return text.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))


def build(urls: int, hosts: int, seed: int = 2567) -> tuple[dict[tuple[str, str], Spec], set[str]]:
    rng = random.Random(seed)
    names = [f"127.0.0.{11 + n}" for n in range(hosts)]
    soft_sites = set(names[:: max(1, 4)])  # a quarter of the sites
    kinds = [k for k, _, _ in KINDS]
    weights = [w for _, w, _ in KINDS]
    truth_of = {k: t for k, _, t in KINDS}
    table: dict[tuple[str, str], Spec] = {}
    for n in range(urls):
        host = names[n % hosts]
        kind = rng.choices(kinds, weights)[0]
        if kind == "soft" and host not in soft_sites:
            kind = "page"
        truth = truth_of[kind]
        latency = 0.02 + 0.48 * rng.random() ** 3  # 20–500 ms, mostly short
        path = f"/doc/{n}" + (".pdf" if kind in ("pdf", "fake_pdf") else "")
        table[(host, path)] = Spec(kind, latency, rng.randint(2_000, 40_000), truth)
    return table, soft_sites


def html(title: str, text: str) -> bytes:
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head>"
        f"<body><h1>{title}</h1><p>{text}</p></body></html>"
    ).encode()


FILLER = " ".join(random.Random(1).choices(THAI_WORDS, k=20_000))


def filler(size: int, rng: random.Random) -> str:
    start = rng.randrange(0, len(FILLER) // 2)
    return FILLER[start : start + size // 3]  # Thai: 3 bytes a character in UTF-8


MISSING = html("องค์การบริหารส่วนตำบลตัวอย่าง", "ยินดีต้อนรับ " + "ข่าวประชาสัมพันธ์ " * 300)


def serve(table, soft_sites, hosts, port, ready) -> None:  # runs in its own process
    hits: dict[tuple[str, str], int] = {}
    bodies: dict[tuple[str, str], bytes] = {}
    powered = {"X-Powered-By": "LinkChecker"}  # lets LinkChecker go above 10 requests/s

    def body_of(key, spec):
        if key not in bodies:
            rng = random.Random(hash(key))
            n = key[1]
            if spec.kind == "pdf":
                bodies[key] = tiny_pdf(f"Procurement plan fiscal year {YEAR} {n}")
            elif spec.kind == "page_ce":
                text = f"Annual report fiscal year {YEAR - 543} " + filler(spec.size, rng)
                bodies[key] = html(f"Report {n}", text)
            elif spec.kind == "old_year":
                text = f"ประจำปีงบประมาณ พ.ศ. {thai_digits(str(YEAR - 1))} " + filler(spec.size, rng)
                bodies[key] = html(f"ประกาศ {n}", text)
            else:
                text = f"ประจำปีงบประมาณ พ.ศ. {thai_digits(str(YEAR))} " + filler(spec.size, rng)
                bodies[key] = html(f"ประกาศ {n}", text)
        return bodies[key]

    async def handle(request: web.Request) -> web.StreamResponse:
        host = request.host.split(":")[0]
        path = request.path
        if path == "/raw":
            return web.Response(body=b"ok", headers=powered)
        if path == "/robots.txt":
            return web.Response(text="User-agent: *\nAllow: /\n", headers=powered)
        if host == AWAY:
            await asyncio.sleep(0.05)
            return web.Response(body=html("ที่อื่น", f"ปี {YEAR}"), content_type="text/html")
        key = (host, path)
        spec = table.get(key)
        if spec is None and path.endswith("/next"):
            spec = table.get((host, path.removesuffix("/next")))
            if spec is not None and spec.kind == "redirect_inside":
                await asyncio.sleep(spec.latency / 2)
                return web.Response(body=body_of(key, spec), content_type="text/html")
        if spec is None or spec.kind == "soft":
            await asyncio.sleep(0.05)
            if host in soft_sites:
                return web.Response(body=MISSING, content_type="text/html", headers=powered)
            return web.Response(status=404, text="not found", headers=powered)
        hits[key] = hits.get(key, 0) + 1
        await asyncio.sleep(spec.latency)
        kind = spec.kind
        if kind == "dead":
            return web.Response(status=404, text="not found", headers=powered)
        if kind == "error":
            return web.Response(status=500, text="error", headers=powered)
        if kind == "slow":
            await asyncio.sleep(SLOW_SECONDS)
        if kind == "redirect_inside":
            raise web.HTTPFound(f"{path}/next", headers=powered)
        if kind == "redirect_away":
            raise web.HTTPFound(f"http://{AWAY}:{port}/elsewhere{path}", headers=powered)
        if kind == "limited" and hits[key] == 1:
            return web.Response(status=429, headers={"Retry-After": "1", **powered})
        if kind == "pdf":
            return web.Response(
                body=body_of(key, spec), content_type="application/pdf", headers=powered
            )
        return web.Response(body=body_of(key, spec), content_type="text/html", headers=powered)

    for key, spec in table.items():  # answer from memory: the server must not be the limit
        if spec.kind in ("pdf", "page", "page_ce", "old_year", "redirect_inside", "limited"):
            body_of(key, spec)
            body_of((key[0], f"{key[1]}/next"), spec)

    async def main() -> None:
        app = web.Application()
        app.router.add_route("GET", "/{tail:.*}", handle)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        for address in [*hosts, AWAY]:
            await web.TCPSite(runner, address, port, backlog=1024).start()
        ready.set()
        await asyncio.Event().wait()

    asyncio.run(main())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.11", 0))
        return int(probe.getsockname()[1])


async def client_rates(url: str, total: int, at_once: int) -> dict[str, float]:
    rates = {}
    import aiohttp

    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=at_once)) as session:

        async def get_aiohttp() -> None:
            async with session.get(url) as response:
                await response.read()

        rates["aiohttp"] = await _rate(get_aiohttp, total, at_once)
    try:
        import httpx
    except ImportError:
        print("httpx is not installed: pip install httpx to compare")
        return rates
    limits = httpx.Limits(max_connections=at_once, max_keepalive_connections=at_once)
    async with httpx.AsyncClient(limits=limits) as client:

        async def get_httpx() -> None:
            (await client.get(url)).read()

        rates["httpx"] = await _rate(get_httpx, total, at_once)
    return rates


async def _rate(get, total: int, at_once: int) -> float:
    room = asyncio.Semaphore(at_once)

    async def one() -> None:
        async with room:
            await get()

    await asyncio.gather(*(one() for _ in range(min(200, total))))  # warm up
    started = time.perf_counter()
    await asyncio.gather(*(one() for _ in range(total)))
    return total / (time.perf_counter() - started)


def run_measured(argv: list[str], stdin: str | None, out: Path) -> tuple[float, float, int, float]:
    """Run a process; return (seconds, peak memory in MB, exit code, CPU seconds)."""
    with out.open("w") as sink:
        started = time.perf_counter()
        process = subprocess.Popen(
            argv,
            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
            stdout=sink,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        )
        if stdin is not None:
            assert process.stdin is not None
            process.stdin.write(stdin.encode())
            process.stdin.close()
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024, process.returncode, usage.ru_utime + usage.ru_stime


def floor(args, table) -> float:
    """The slowest site's share of the time: its latencies over its per-host limit."""
    busy: dict[str, float] = {}
    for (host, _), spec in table.items():
        cost = spec.latency
        if spec.kind == "slow":
            cost = args.timeout
        elif spec.kind == "limited":
            cost = 1.0 * args.per_host  # Retry-After: 1 pauses the whole site
        elif spec.kind == "redirect_inside":
            cost = spec.latency * 1.5  # and the page it leads to
        busy[host] = busy.get(host, 0.0) + cost
    return max(busy.values()) / args.per_host


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--urls", type=int, default=2000)
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--per-host", type=int, default=4)
    parser.add_argument("--delay", type=float, default=0.01, help="seconds between starts/host")
    parser.add_argument("--timeout", type=float, default=2.0)
    parser.add_argument("--client-gets", type=int, default=3000)
    parser.add_argument("--no-linkchecker", action="store_true")
    args = parser.parse_args()

    table, soft_sites = build(args.urls, args.hosts)
    hosts = [f"127.0.0.{11 + n}" for n in range(args.hosts)]
    port = free_port()
    ready = multiprocessing.Event()
    server = multiprocessing.Process(
        target=serve, args=(table, soft_sites, hosts, port, ready), daemon=True
    )
    server.start()
    if not ready.wait(30):
        sys.exit("the test server did not start")
    try:
        report(args, table, hosts, port)
    finally:
        server.terminate()
        server.join(5)


def report(args, table, hosts, port) -> None:
    urls = [f"http://{host}:{port}{path}" for host, path in table]
    truths = {f"http://{host}:{port}{path}": spec.truth for (host, path), spec in table.items()}
    counts: dict[str, int] = {}
    for truth in truths.values():
        counts[truth] = counts.get(truth, 0) + 1
    print(
        f"{len(urls)} URLs on {len(hosts)} sites (127.0.0.11…), latency 20–500 ms; truth: "
        + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    )
    best = floor(args, table)
    print(f"best possible under this politeness: about {best:.1f} s")
    print(
        f"politeness: {args.per_host} requests at a time per host, {args.delay:g} s between "
        f"starts; timeout {args.timeout:g} s (slow pages take {SLOW_SECONDS:g} s)"
    )

    rates = asyncio.run(client_rates(f"http://127.0.0.11:{port}/raw", args.client_gets, 100))
    print(
        f"\nHTTP clients, {args.client_gets} GETs on loopback, 100 at a time: "
        + ", ".join(f"{name} {rate:,.0f}/s" for name, rate in rates.items())
        + (f" (aiohttp/httpx {rates['aiohttp'] / rates['httpx']:.1f}×)" if "httpx" in rates else "")
    )

    work = Path(tempfile.mkdtemp(prefix="bench-links-"))
    try:
        listing = work / "urls.txt"
        listing.write_text("".join(f"{u}\t{YEAR}\n" for u in urls), encoding="utf-8")
        ours_out = work / "ours.jsonl"
        seconds, memory, code, cpu = run_measured(
            [
                sys.executable,
                "-m",
                "prongsai",
                "links",
                "check",
                str(listing),
                "--allow-private",
                "--format",
                "jsonl",
                "--timeout",
                str(args.timeout),
                "--per-host",
                str(args.per_host),
                "--delay",
                str(args.delay),
            ],
            None,
            ours_out,
        )
        results = [json.loads(line) for line in ours_out.read_text(encoding="utf-8").splitlines()]
        wrong = [r for r in results if r["verdict"] != truths.get(r["url"])]
        missing = len(urls) - len(results)
        ours_rate = len(results) / seconds
        print(
            f"\nprongsai links check (aiohttp): {len(results)} URLs in {seconds:.1f} s = "
            f"{ours_rate:,.0f} URLs/s, CPU {cpu:.1f} s, peak memory {memory:.0f} MB, exit {code}, "
            f"wrong verdicts {len(wrong)}, missing {missing}"
        )
        for r in wrong[:10]:
            print(
                f"  wrong: {r['url']} is {truths.get(r['url'])}, said {r['verdict']} {r['reasons']}"
            )

        if args.no_linkchecker:
            return
        if shutil.which("linkchecker") is None:
            print("\nlinkchecker: not installed (pip install linkchecker, for the bench only)")
            return
        config = work / "linkcheckerrc"
        config.write_text(
            "[checking]\n"
            f"threads={args.per_host * len(hosts)}\n"
            f"timeout={args.timeout:g}\n"
            f"maxrequestspersecond={1 / args.delay if args.delay else 1000:g}\n"
            "recursionlevel=0\n"
            "[output]\nstatus=0\n"
            "[AnchorCheck]\n",
            encoding="utf-8",
        )
        theirs_out = work / "linkchecker.csv"
        seconds_lc, memory_lc, code_lc, cpu_lc = run_measured(
            [
                "linkchecker",
                "-f",
                str(config),
                "--stdin",
                "-r",
                "0",
                "--no-status",
                "--no-warnings",
                "-o",
                "csv",
                "-t",
                str(args.per_host * len(hosts)),
                "--timeout",
                f"{args.timeout:g}",
            ],
            "\n".join(urls) + "\n",
            theirs_out,
        )
        rows = [
            line
            for line in theirs_out.read_text(encoding="utf-8", errors="replace").splitlines()
            if line.startswith(("http://127.0.0.", '"http://127.0.0.'))
        ]
        rate_lc = len(urls) / seconds_lc
        print(
            f"linkchecker: {len(urls)} URLs in {seconds_lc:.1f} s = {rate_lc:,.1f} URLs/s, "
            f"CPU {cpu_lc:.1f} s, peak memory {memory_lc:.0f} MB, exit {code_lc} (1 = broken links "
            "found), "
            f"{len(rows)} reported as errors"
        )
        print(f"\nratio prongsai / linkchecker: {ours_rate / rate_lc:.1f}× the throughput")
        print(
            f"(the politeness allows at most about {len(urls) / best:,.0f} URLs/s here: "
            f"{len(urls) / best / rate_lc:.1f}× linkchecker)"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
