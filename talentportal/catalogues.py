"""The translation catalogues: where they are, what they lack, and how they are made.

Source strings are written in Chinese; every catalogue (zh_Hans and en, of every app and of the project)
must translate every string the code and templates use, with no fuzzy entries, and English text must not
carry full-width Chinese punctuation.

    python -m talentportal.catalogues check      # what tests/ui/test_catalogues.py asserts
    python -m talentportal.catalogues fill-zh    # zh_Hans: a Chinese source string is its own translation
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
LANGUAGES = ("zh_Hans", "en")
# Not part of the site's text: demo data, tests, benchmarks, local files. (makemessages writes each app's strings
# to the app's own locale/ folder, the rest, templates/ and talentportal/, to the project's locale/.)
NOT_TRANSLATED = ("demo", "tests", "bench", "var", ".venv", "staticfiles", "node_modules")
FULL_WIDTH = re.compile("[，。：；（）“”、！？《》【】]")
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")


@dataclass
class Entry:
    msgid: str
    msgstrs: list[str]
    context: str = ""
    plural: str = ""
    flags: set[str] = field(default_factory=set)

    @property
    def key(self) -> tuple[str, str]:
        return (self.context, self.msgid)


def _unquote(line: str) -> str:
    return ast.literal_eval(line)


def parse_po(path: Path) -> list[Entry]:
    """The live entries of a .po file (obsolete ``#~`` entries and the header left out)."""
    return parse_po_text(path.read_text(encoding="utf-8"))


def parse_po_text(text: str) -> list[Entry]:
    entries: list[Entry] = []
    current: dict = {}
    target = None
    flags: set[str] = set()

    def flush():
        nonlocal current, flags
        if "msgid" in current and current["msgid"] != "":
            strs = [current[k] for k in sorted(k for k in current if k.startswith("msgstr"))]
            entries.append(
                Entry(current["msgid"], strs, current.get("msgctxt", ""), current.get("msgid_plural", ""), flags)
            )
        current, flags = {}, set()

    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("#~"):
            continue
        if line.startswith("#,"):
            if "msgid" in current:
                flush()
            flags = {f.strip() for f in line[2:].split(",")}
            continue
        if not line or line.startswith("#"):
            continue
        match = re.match(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(\".*\")$", line)
        if match:
            key, value = match.groups()
            if key in ("msgctxt", "msgid") and ("msgid" in current and any(k.startswith("msgstr") for k in current)):
                flush()
            if key == "msgstr":
                key = "msgstr[0]"
            current[key] = _unquote(value)
            target = key
        elif line.startswith('"') and target:
            current[target] += _unquote(line)
    flush()
    return entries


def catalogue_dirs() -> list[Path]:
    """Every app with a locale/ folder (a new app brings its own), then the project's catalogue."""
    apps = sorted(p.parent for p in BASE_DIR.glob("*/locale") if p.is_dir() and p.parent.name not in NOT_TRANSLATED)
    return [app / "locale" for app in apps] + [BASE_DIR / "locale"]


def catalogue_path(locale_dir: Path, language: str) -> Path:
    return locale_dir / language / "LC_MESSAGES" / "django.po"


@dataclass
class Problem:
    path: Path
    msgid: str
    what: str

    def __str__(self):
        return f"{self.path.relative_to(BASE_DIR)}: {self.what}: {self.msgid[:70]!r}"


def entry_problems(path: Path, language: str) -> list[Problem]:
    problems = []
    for entry in parse_po(path):
        if "fuzzy" in entry.flags:
            problems.append(Problem(path, entry.msgid, "fuzzy"))
        if not entry.msgstrs or any(not s.strip() for s in entry.msgstrs):
            problems.append(Problem(path, entry.msgid, "untranslated"))
        elif language == "en":
            for text in entry.msgstrs:
                if FULL_WIDTH.search(text):
                    problems.append(Problem(path, entry.msgid, f"full-width punctuation in English {text[:60]!r}"))
                    break
    return problems


def extracted_msgids() -> dict[Path, set[tuple[str, str]]]:
    """The strings makemessages finds in today's sources, per catalogue, made in a scratch copy of the tree."""
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        for item in BASE_DIR.iterdir():
            if item.name.startswith(".") or item.name in NOT_TRANSLATED:
                continue
            if item.is_dir():
                shutil.copytree(item, root / item.name, ignore=shutil.ignore_patterns("*.mo", "*.po", "__pycache__"))
            else:
                shutil.copy2(item, root / item.name)
        for locale_dir in catalogue_dirs():
            (root / locale_dir.relative_to(BASE_DIR)).mkdir(parents=True, exist_ok=True)
        command = [sys.executable, str(BASE_DIR / "manage.py"), "makemessages", "-l", "en", "--no-location"]
        command += ["--no-obsolete", "-v", "0", *(f"--ignore={name}" for name in NOT_TRANSLATED)]
        subprocess.run(command, cwd=root, check=True, env={**os.environ, "DEBUG": "1"}, capture_output=True)
        found = {}
        for locale_dir in catalogue_dirs():
            fresh = catalogue_path(root / locale_dir.relative_to(BASE_DIR), "en")
            found[locale_dir] = {e.key for e in parse_po(fresh)} if fresh.exists() else set()
        return found


def all_problems(*, with_sources: bool = True) -> list[Problem]:
    problems: list[Problem] = []
    extracted = extracted_msgids() if with_sources else {}
    for locale_dir in catalogue_dirs():
        wanted = extracted.get(locale_dir, set())
        for language in LANGUAGES:
            path = catalogue_path(locale_dir, language)
            if not path.exists():
                problems.append(Problem(path, "", "catalogue missing"))
                continue
            problems += entry_problems(path, language)
            have = {e.key for e in parse_po(path)}
            for _context, msgid in sorted(wanted - have):
                problems.append(Problem(path, msgid, "used in the sources but not in the catalogue (run makemessages)"))
    return problems


def _po_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def fill_chinese_source(path: Path) -> int:
    """zh_Hans: a Chinese source string is its own translation. Untranslated entries, and fuzzy ones (msgmerge's
    guesses from a similar string, never right here), get the source text; returns how many were filled."""
    blocks = path.read_text(encoding="utf-8").split("\n\n")
    filled = 0
    for index, block in enumerate(blocks):
        entries = parse_po_text(block)
        if not entries:
            continue
        entry = entries[0]
        if not CJK.search(entry.msgid) or not ("fuzzy" in entry.flags or any(not t for t in entry.msgstrs)):
            continue
        lines = [line for line in block.split("\n") if not line.startswith("#|")]
        lines = [_without_fuzzy(line) for line in lines]
        head = []
        for line in lines:
            if line.startswith("msgstr"):
                break
            if line:
                head.append(line)
        if entry.plural:
            body = [
                f"msgstr[{n}] {_po_quote(entry.msgid if n == 0 else entry.plural)}" for n in range(len(entry.msgstrs))
            ]
        else:
            body = [f"msgstr {_po_quote(entry.msgid)}"]
        blocks[index] = "\n".join(head + body)
        filled += 1
    path.write_text("\n\n".join(blocks), encoding="utf-8")
    return filled


def _without_fuzzy(line: str) -> str:
    if not line.startswith("#,"):
        return line
    flags = [f.strip() for f in line[2:].split(",") if f.strip() != "fuzzy"]
    return "#, " + ", ".join(flags) if flags else ""


def _main(argv):
    if argv[:1] == ["fill-zh"]:
        for locale_dir in catalogue_dirs():
            path = catalogue_path(locale_dir, "zh_Hans")
            if path.exists():
                print(path.relative_to(BASE_DIR), fill_chinese_source(path))
        return 0
    problems = all_problems()
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
