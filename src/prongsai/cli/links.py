"""`prongsai links check FILE`: are the OIT item URLs alive, on the main website, of the year?

FILE holds one URL per line, optionally followed by a tab and the expected fiscal year
(BE, Thai or Arabic digits). Exit 0 when every URL was checked, whatever the verdicts;
exit 2 for a FILE that cannot be read.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from prongsai.cli.common import CliError, print_json
from prongsai.thai import parse_be_year, to_thai_digits

if TYPE_CHECKING:
    from prongsai.links.checker import LinkItem, LinkResult
    from prongsai.links.verdicts import Verdict

PROGRESS_FROM = 50  # URLs: shorter lists need no progress line
PROGRESS_EVERY = 0.5  # seconds


def register(commands: Any) -> None:
    p = commands.add_parser("links", help="check the URLs of OIT items (link health)")
    sub = p.add_subparsers(dest="links_command", required=True)
    check = sub.add_parser("check", help="check every URL in FILE")
    check.add_argument("file", help="one URL per line, optionally: URL<TAB>fiscal year (BE)")
    check.add_argument(
        "--main-domain", help="the agency's main website (default: each URL's own host)"
    )
    check.add_argument(
        "--allow-private",
        action="store_true",
        help="allow private, loopback and link-local addresses (tests, intranets)",
    )
    check.add_argument("--format", choices=("text", "jsonl"), default="text")
    check.add_argument("--timeout", type=float, default=20.0, help="seconds per request (20)")
    check.add_argument("--per-host", type=int, default=4, help="requests at a time per host (4)")
    check.add_argument(
        "--delay", type=float, default=0.0, help="seconds between requests to one host (0)"
    )
    check.add_argument("--retries", type=int, default=2, help="retries after errors, 429, 5xx (2)")
    check.set_defaults(handler=cmd_links_check)


def read_items(path: Path) -> list[LinkItem]:
    from prongsai.links.checker import LinkItem

    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise CliError(f"{path}: เปิดไฟล์ไม่ได้ / cannot open: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise CliError(f"{path}: ไฟล์ต้องเป็น UTF-8 / the file must be UTF-8") from exc
    items = []
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        url, _, year_text = line.strip().partition("\t")
        if not url.lower().startswith(("http://", "https://")):
            problems.append(
                f"{path.name} บรรทัด {number}: ไม่ใช่ที่อยู่ http(s) / line {number}: "
                f"not an http(s) URL: {url!r}"
            )
            continue
        year = None
        if year_text.strip():
            try:
                year = parse_be_year(year_text.strip())
            except ValueError:
                problems.append(
                    f"{path.name} บรรทัด {number}: ปีงบประมาณต้องเป็น พ.ศ. เช่น 2568 / "
                    f"line {number}: the fiscal year must be a BE year like 2568: "
                    f"{year_text.strip()!r}"
                )
                continue
        items.append(LinkItem(url.strip(), year))
    if problems:
        raise CliError("\n".join(problems))
    if not items:
        raise CliError(f"{path}: ไม่มีที่อยู่ให้ตรวจ / no URL to check")
    return items


def cmd_links_check(args: argparse.Namespace) -> int:
    from prongsai.links.checker import CheckOptions, run_checks

    if args.timeout <= 0:
        raise CliError(f"--timeout: ต้องมากกว่า 0 วินาที / must be more than 0 s: {args.timeout}")
    items = read_items(Path(args.file))
    options = CheckOptions(
        main_domain=args.main_domain,
        allow_private=args.allow_private,
        timeout=args.timeout,
        per_host=max(1, args.per_host),
        delay=max(0.0, args.delay),
        retries=max(0, args.retries),
    )
    progress = _Progress(len(items)) if len(items) >= PROGRESS_FROM else None
    counts: Counter[Verdict] = Counter()

    def show(result: LinkResult) -> None:
        counts[result.verdict] += 1
        if args.format == "jsonl":
            print_json(result.summary())
        else:
            _print_text(result)
        if progress:
            progress.step()

    run_checks(items, options, on_result=show)
    if progress:
        progress.done()
    if args.format == "text":
        summary = ", ".join(f"{v.thai} {to_thai_digits(str(counts[v]))}" for v in counts)
        print(f"ตรวจ {to_thai_digits(str(len(items)))} ที่อยู่: {summary}")
        print(f"checked {len(items)} URLs: " + ", ".join(f"{v} {n}" for v, n in counts.items()))
    return 0


def _print_text(result: LinkResult) -> None:
    status = result.status if result.status is not None else "—"
    print(f"{result.verdict.thai} ({result.verdict})  {status}  {result.url}")
    if result.final_url != result.url:
        print(f"    → {result.final_url}")
    for reason in result.reasons:
        print(f"    - {reason.thai} / {reason.message}")


class _Progress:
    def __init__(self, total: int) -> None:
        self.total = total
        self.checked = 0
        self.started = self.shown = time.monotonic()

    def step(self) -> None:
        self.checked += 1
        now = time.monotonic()
        if now - self.shown >= PROGRESS_EVERY:
            self.shown = now
            self._show(now)

    def _show(self, now: float) -> None:
        rate = self.checked / max(now - self.started, 1e-6)
        sys.stderr.write(
            f"\rตรวจแล้ว {self.checked}/{self.total} ({rate:.0f}/s) / checked "
            f"{self.checked}/{self.total}"
        )
        sys.stderr.flush()

    def done(self) -> None:
        self._show(time.monotonic())
        sys.stderr.write("\n")
