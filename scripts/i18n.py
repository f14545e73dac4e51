"""Translations, one .ts/.qm pair per area so features never edit the same file.

  python scripts/i18n.py update AREA        # lupdate: collect tr() strings of AREA
  python scripts/i18n.py missing AREA       # print untranslated source strings as JSON
  python scripts/i18n.py set AREA FILE.json # fill {"context|source" or "source": "訳"}
  python scripts/i18n.py release            # lrelease every .ts to .qm
  python scripts/i18n.py check              # fail if any .ts is stale, untranslated or
                                            # its .qm is out of date (CI runs this in tests)
Areas: shell, chat, models, server, start, bench (see AREAS for their source folders).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
I18N = ROOT / "resources" / "i18n"
LANGS = ("ja",)
AREAS: dict[str, list[str]] = {
    "shell": [
        "desktop/ui/shell",
        "desktop/services/*.py",
        "desktop/app.py",
        "desktop/__main__.py",
        "desktop/ui/common",
    ],
    "chat": ["desktop/ui/chat", "desktop/services/chat"],
    "models": ["desktop/ui/models", "desktop/services/models"],
    "server": ["desktop/ui/server", "desktop/services/server"],
    "start": ["desktop/ui/start", "desktop/services/onboarding"],
    "bench": ["desktop/ui/bench", "desktop/services/bench"],
}


def _tool(name: str) -> str:
    exe = Path(sys.executable).parent / f"pyside6-{name}"
    return str(exe) if exe.exists() else f"pyside6-{name}"


def sources(area: str) -> list[str]:
    out: list[str] = []
    for pattern in AREAS[area]:
        if "*" in pattern:
            out += sorted(str(p) for p in ROOT.glob(pattern))
        else:
            p = ROOT / pattern
            if p.is_dir():
                out += sorted(str(f) for f in p.rglob("*.py"))
            elif p.exists():
                out.append(str(p))
    return out


def ts_path(area: str, lang: str) -> Path:
    return I18N / f"{area}_{lang}.ts"


def update(area: str, target: Path | None = None, lang: str = "ja") -> Path:
    ts = target or ts_path(area, lang)
    ts.parent.mkdir(parents=True, exist_ok=True)
    files = sources(area)
    if not files:
        raise SystemExit(f"no sources for {area}")
    if target is not None and ts_path(area, lang).exists():
        ts.write_bytes(ts_path(area, lang).read_bytes())
    subprocess.run(
        [
            _tool("lupdate"),
            *files,
            "-no-obsolete",
            "-locations",
            "none",
            "-target-language",
            lang,
            "-ts",
            str(ts),
        ],
        check=True,
        capture_output=True,
    )
    return ts


def messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    tree = ET.parse(ts)
    out = []
    for ctx in tree.getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            out.append((name, msg.findtext("source") or "", msg))
    return out


def missing(area: str, lang: str = "ja") -> dict[str, str]:
    out = {}
    for ctx, src, msg in messages(ts_path(area, lang)):
        tr = msg.find("translation")
        if tr is None or not (tr.text or "").strip() or tr.get("type") == "unfinished":
            out[f"{ctx}|{src}"] = ""
    return out


def set_translations(area: str, mapping: dict[str, str], lang: str = "ja") -> int:
    ts = ts_path(area, lang)
    tree = ET.parse(ts)
    n = 0
    for ctx in tree.getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            src = msg.findtext("source") or ""
            value = mapping.get(f"{name}|{src}", mapping.get(src))
            if value:
                tr = msg.find("translation")
                if tr is None:
                    tr = ET.SubElement(msg, "translation")
                tr.text = value
                tr.attrib.pop("type", None)
                n += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return n


def release() -> None:
    for ts in sorted(I18N.glob("*.ts")):
        subprocess.run(
            [_tool("lrelease"), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))],
            check=True,
            capture_output=True,
        )


def check() -> list[str]:
    problems = []
    for area in AREAS:
        for lang in LANGS:
            ts = ts_path(area, lang)
            if not sources(area):
                continue
            if not ts.exists():
                problems.append(f"{ts.name} missing: run scripts/i18n.py update {area}")
                continue
            with tempfile.TemporaryDirectory() as tmp:
                fresh = update(area, Path(tmp) / ts.name, lang)
                have = {(c, s) for c, s, _ in messages(ts)}
                want = {(c, s) for c, s, _ in messages(fresh)}
            for c, s in sorted(want - have):
                problems.append(f"{ts.name}: not collected: {c}|{s}")
            for key in missing(area, lang):
                problems.append(f"{ts.name}: untranslated: {key}")
            qm = ts.with_suffix(".qm")
            with tempfile.TemporaryDirectory() as tmp:
                fresh_qm = Path(tmp) / qm.name
                subprocess.run(
                    [_tool("lrelease"), "-silent", str(ts), "-qm", str(fresh_qm)],
                    check=True,
                    capture_output=True,
                )
                # compare contents, not mtimes: a git checkout sets mtimes in any order
                if not qm.exists() or qm.read_bytes() != fresh_qm.read_bytes():
                    problems.append(
                        f"{qm.name} does not match {ts.name}: run scripts/i18n.py release"
                    )
    return problems


def main(argv: list[str]) -> int:
    cmd = argv[0] if argv else "check"
    if cmd == "update":
        print(update(argv[1]))
    elif cmd == "missing":
        print(json.dumps(missing(argv[1]), ensure_ascii=False, indent=1))
    elif cmd == "set":
        n = set_translations(argv[1], json.loads(Path(argv[2]).read_text(encoding="utf-8")))
        print(f"{n} translations set")
    elif cmd == "release":
        release()
    elif cmd == "check":
        problems = check()
        print("\n".join(problems) or "translations complete")
        return 1 if problems else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
