#!/usr/bin/env python3
"""Checks for the book, run by ci/book.sh. Each mode exits non-zero on a problem.

  check.py includes SRC        every {{#include}} / {{#rustdoc_include}} in SRC/**/*.md
                               names a file that exists, and an anchor or line range
                               that exists in it and is not empty (mdbook only logs a
                               missing file, and includes nothing for a missing anchor)
  check.py links HTML          every relative href/src in HTML/**/*.html points to a
                               file that exists, and every #fragment to an id in it;
                               no include directive is left unexpanded
  check.py libs JSON DIR       copies the libraries that `cargo build
                               --message-format=json` reported in JSON into DIR, and
                               nothing else, for `mdbook test -L DIR`
"""

import html.parser
import json
import os
import re
import shutil
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

INCLUDE = re.compile(r"\{\{#(include|rustdoc_include)\s+([^}\s]+)\s*\}\}")


def check_includes(src: Path) -> list[str]:
    problems = []
    for md in sorted(src.rglob("*.md")):
        for number, line in enumerate(md.read_text().splitlines(), 1):
            for _kind, target in INCLUDE.findall(line):
                where = f"{md}:{number}: {{{{#{_kind} {target}}}}}"
                path, _, selector = target.partition(":")
                file = (md.parent / path).resolve()
                if not file.is_file():
                    problems.append(f"{where}: no such file {file}")
                    continue
                lines = file.read_text().splitlines()
                if not selector:
                    if not lines:
                        problems.append(f"{where}: the file is empty")
                    continue
                if re.fullmatch(r"\d*(:\d*)?", selector):
                    first = int(selector.split(":")[0] or 1)
                    if first > len(lines):
                        problems.append(f"{where}: the file has only {len(lines)} lines")
                    continue
                start = [i for i, l in enumerate(lines) if re.search(rf"ANCHOR:\s*{re.escape(selector)}\b", l)]
                end = [i for i, l in enumerate(lines) if re.search(rf"ANCHOR_END:\s*{re.escape(selector)}\b", l)]
                if len(start) != 1 or len(end) != 1:
                    problems.append(
                        f"{where}: anchor `{selector}` found {len(start)} time(s), "
                        f"its end {len(end)} time(s), in {file}"
                    )
                    continue
                body = [l for l in lines[start[0] + 1 : end[0]] if "ANCHOR" not in l]
                if not any(l.strip() for l in body):
                    problems.append(f"{where}: anchor `{selector}` is empty in {file}")
    return problems


class Collector(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.refs: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name"):
                self.ids.add(value)
            elif name in ("href", "src") and tag != "base":
                self.refs.append(value)


def parse(page: Path, cache: dict) -> Collector:
    if page not in cache:
        collector = Collector()
        collector.feed(page.read_text(errors="replace"))
        cache[page] = collector
    return cache[page]


def check_links(root: Path) -> list[str]:
    problems = []
    cache: dict = {}
    pages = sorted(root.rglob("*.html"))
    if not pages:
        return [f"no HTML under {root}: was the book built?"]
    for page in pages:
        text = page.read_text(errors="replace")
        for leftover in INCLUDE.findall(text):
            problems.append(f"{page}: unexpanded {{{{#{leftover[0]} {leftover[1]}}}}}")
        for ref in parse(page, cache).refs:
            parts = urlsplit(ref)
            if parts.scheme or parts.netloc or ref.startswith("//"):
                continue  # external: not checked here
            path = unquote(parts.path)
            if not path:
                target = page
            elif path.startswith("/"):
                target = root / path.lstrip("/")
            else:
                target = page.parent / path
            target = Path(os.path.normpath(target))
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                problems.append(f"{page.relative_to(root)}: broken link `{ref}` (no {target})")
                continue
            fragment = unquote(parts.fragment)
            if fragment and target.suffix == ".html" and fragment not in parse(target, cache).ids:
                problems.append(f"{page.relative_to(root)}: broken link `{ref}` (no id `{fragment}`)")
    return problems


def copy_libs(artifacts: Path, into: Path) -> list[str]:
    if into.exists():
        shutil.rmtree(into)
    into.mkdir(parents=True)
    copied = 0
    for line in artifacts.read_text().splitlines():
        message = json.loads(line)
        if message.get("reason") != "compiler-artifact":
            continue
        for name in message["filenames"]:
            if name.endswith((".rlib", ".so", ".dylib", ".dll")):
                shutil.copy2(name, into)
                copied += 1
    return [] if copied else [f"{artifacts}: cargo reported no library"]


def main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] == "includes":
        problems = check_includes(Path(argv[1]))
    elif len(argv) >= 2 and argv[0] == "links":
        problems = check_links(Path(argv[1]))
    elif len(argv) >= 3 and argv[0] == "libs":
        problems = copy_libs(Path(argv[1]), Path(argv[2]))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
