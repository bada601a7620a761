#!/usr/bin/env python
"""Supplementary Vietnamese catalog for the Wagtail admin.

Wagtail's own ``vi`` catalogs translate only a fraction of its strings. This
script builds ``locale-wagtail/vi/LC_MESSAGES/{django,djangojs}.po`` (and the
compiled ``.mo`` files) covering every string of the Wagtail apps our
back-office staff use, from:

* Wagtail's English catalogs (the list of msgids),
* Wagtail's Vietnamese catalogs (reused where they have a non-empty,
  non-fuzzy translation whose placeholders are intact),
* our own translations in ``locale-wagtail/translations/*.json`` (a JSON object
  per file mapping ``msgctxt + "\\x04" + msgid`` -- or just ``msgid`` without
  context -- to the Vietnamese string, or for plural entries to a one-element
  list). Our translations take precedence over Wagtail's:
  ``000_overrides.json`` replaces the Wagtail ``vi`` strings that contradict
  the GLOSSARY below or are wrong (missing spaces, mistranslations); the
  numbered files hold the strings Wagtail does not translate at all.

Usage (from the project root)::

    .venv/bin/python scripts/wagtail_catalog.py extract [--out DIR] [--size N]
    .venv/bin/python scripts/wagtail_catalog.py build
    .venv/bin/python scripts/wagtail_catalog.py check

Standard library only.
"""

from __future__ import annotations

import argparse
import collections
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(ROOT, "locale-wagtail")
LC_DIR = os.path.join(OUT_DIR, "vi", "LC_MESSAGES")
TRANSLATIONS_DIR = os.path.join(OUT_DIR, "translations")

# (app directory relative to the wagtail package, gettext domain)
APPS = [
    ("admin", "django"),
    ("admin", "djangojs"),
    ("snippets", "django"),
    ("users", "django"),
    ("images", "django"),
    ("documents", "django"),
    ("", "django"),  # wagtail core
    ("sites", "django"),
    ("locales", "django"),
    ("search", "django"),
    ("contrib/settings", "django"),
    ("embeds", "django"),
]
DOMAINS = ["django", "djangojs"]

# Glossary followed by every translation (our own and the Wagtail ones we
# override in translations/000_overrides.json). ``check`` enforces it for
# msgids that are exactly one of these terms (case-sensitive: lowercase msgids
# are usually model verbose names, e.g. "embed" -> "nội dung nhúng").
GLOSSARY = {
    "Save": "Lưu",
    "Delete": "Xóa",
    "Edit": "Sửa",
    "Add %(model_name)s": "Thêm %(model_name)s",
    "Search": "Tìm kiếm",
    "Filter": "Lọc",
    "History": "Lịch sử",
    "Dashboard": "Bảng điều khiển",
    "Snippets": "Danh mục",
    "Settings": "Cài đặt",
    "Reports": "Báo cáo",
    "Page": "Trang",
    "Pages": "Trang",
    "Image": "Ảnh",
    "Images": "Ảnh",
    "Document": "Tài liệu",
    "Documents": "Tài liệu",
    "Log out": "Đăng xuất",
    "Sign in": "Đăng nhập",
    "Log in": "Đăng nhập",
    "Username": "Tên đăng nhập",
    "Password": "Mật khẩu",
    "Inspect": "Xem chi tiết",
    "Usage": "Nơi sử dụng",
    "Download XLSX": "Tải XLSX",
    "Download CSV": "Tải CSV",
    "Live": "Đang xuất bản",
    "Draft": "Bản nháp",
    "Workflow": "Quy trình duyệt",
    "Workflows": "Quy trình duyệt",
    "Locale": "Ngôn ngữ",
    "Locales": "Ngôn ngữ",
    "Collection": "Bộ sưu tập",
    "Collections": "Bộ sưu tập",
    "Revision": "Phiên bản",
    "Revisions": "Phiên bản",
    "Publish": "Xuất bản",
    "Unpublish": "Thu hồi xuất bản",
    "Preview": "Xem trước",
    "Site": "Trang web",
    "Sites": "Trang web",
    "Task": "Bước duyệt",
    "Tasks": "Bước duyệt",
    "Approve": "Phê duyệt",
    "Reject": "Từ chối",
    "Alias": "Bí danh",
    "Upload": "Tải lên",
    "Embed": "Nhúng",
    "Lock": "Khóa",
    "Unlock": "Mở khóa",
    "Tag": "Thẻ",
    "Tags": "Thẻ",
    "Users": "Người dùng",
    "Groups": "Nhóm",
    "Comments": "Bình luận",
}
# Other terms used consistently (not mechanically checkable): snippet (item)
# -> "mục danh mục"; submit for moderation -> "gửi kiểm duyệt"; moderation ->
# "kiểm duyệt"; slug -> "đường dẫn (slug)"; go-live -> "bắt đầu xuất bản";
# expiry -> "hết hạn"; schedule -> "lên lịch"; privacy -> "quyền riêng tư";
# view restriction -> "giới hạn xem"; parent/child page -> "trang cha/con";
# chooser -> "trình chọn"; focal point -> "tiêu điểm"; bulk actions ->
# "thao tác hàng loạt"; owner -> "người sở hữu"; translation -> "bản dịch";
# "Why not <a>add one</a>?" -> "Hãy <a>thêm mới</a>."

HEADER = (
    "Project-Id-Version: HuuNghi Wagtail supplement\n"
    "Report-Msgid-Bugs-To: \n"
    "PO-Revision-Date: 2026-04-23 00:00+0700\n"
    "Last-Translator: HuuNghi team\n"
    "Language-Team: Vietnamese\n"
    "Language: vi\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=UTF-8\n"
    "Content-Transfer-Encoding: 8bit\n"
    "Plural-Forms: nplurals=1; plural=0;\n"
)


def wagtail_dir() -> str:
    try:
        import wagtail  # noqa: PLC0415

        return os.path.dirname(os.path.abspath(wagtail.__file__))
    except ImportError as exc:
        candidates = glob.glob(os.path.join(ROOT, ".venv", "lib", "python3*", "site-packages", "wagtail"))
        if not candidates:
            raise SystemExit("Cannot locate the wagtail package") from exc
        return candidates[0]


# --------------------------------------------------------------------------
# .po parsing / writing
# --------------------------------------------------------------------------

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"', "a": "\a", "b": "\b", "f": "\f", "v": "\v"}


def _unquote(s: str) -> str:
    s = s.strip()
    if not (s.startswith('"') and s.endswith('"')):
        raise ValueError(f"Bad quoted string: {s!r}")
    s = s[1:-1]
    out = []
    i = 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            n = s[i + 1]
            if n in _ESCAPES:
                out.append(_ESCAPES[n])
                i += 2
                continue
            m = re.match(r"[0-7]{1,3}", s[i + 1 :])
            if m:
                out.append(chr(int(m.group(0), 8)))
                i += 1 + len(m.group(0))
                continue
            out.append(n)
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def _quote(s: str) -> str:
    s = s.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n")
    return f'"{s}"'


class Entry:
    __slots__ = (
        "msgctxt",
        "msgid",
        "msgid_plural",
        "msgstr",
        "msgstr_plural",
        "flags",
        "comments",
        "references",
        "obsolete",
    )

    def __init__(self):
        self.msgctxt = None
        self.msgid = None
        self.msgid_plural = None
        self.msgstr = ""
        self.msgstr_plural = {}
        self.flags = []
        self.comments = []
        self.references = []
        self.obsolete = False

    @property
    def key(self) -> str:
        return make_key(self.msgctxt, self.msgid)

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    def translation(self):
        """str for singular entries, [msgstr[0]] for plural entries."""
        if self.msgid_plural is not None:
            return [self.msgstr_plural.get(0, "")]
        return self.msgstr


def make_key(msgctxt, msgid) -> str:
    return f"{msgctxt}\x04{msgid}" if msgctxt is not None else msgid


def parse_po(path: str) -> list[Entry]:
    """Minimal .po parser (no obsolete entries returned)."""
    entries = []
    cur = Entry()
    field = None  # (name, index)
    started = False

    def flush():
        nonlocal cur, started, field
        if started and cur.msgid is not None and not cur.obsolete:
            entries.append(cur)
        cur = Entry()
        started = False
        field = None

    def append(name, idx, text):
        if name == "msgstr_plural":
            cur.msgstr_plural[idx] = cur.msgstr_plural.get(idx, "") + text
        else:
            setattr(cur, name, (getattr(cur, name) or "") + text)

    with open(path, encoding="utf-8") as fh:
        for raw in fh:
            line = raw.rstrip("\n")
            stripped = line.strip()
            if not stripped:
                if started:
                    flush()
                continue
            if stripped.startswith("#~"):
                # obsolete entry (separated by blank lines): skip it entirely
                cur.obsolete = True
                started = True
                continue
            if stripped.startswith("#"):
                # a comment after a complete entry starts a new entry
                if started and field is not None and field[0].startswith("msgstr"):
                    flush()
                started = True
                if stripped.startswith("#,"):
                    cur.flags.extend(f.strip() for f in stripped[2:].split(",") if f.strip())
                elif stripped.startswith("#:"):
                    cur.references.extend(stripped[2:].split())
                else:
                    cur.comments.append(stripped)
                continue
            m = re.match(r"(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+(\".*\")\s*$", stripped)
            if m:
                name, idx, text = m.group(1), m.group(2), m.group(3)
                if name in ("msgctxt", "msgid") and started and field is not None and field[0].startswith("msgstr"):
                    flush()
                if name == "msgctxt" and started and field is not None and field[0] == "msgid":
                    flush()
                started = True
                if name == "msgstr" and idx is not None:
                    field = ("msgstr_plural", int(idx))
                    cur.msgstr_plural[int(idx)] = ""
                else:
                    field = (name, None)
                    setattr(cur, name, "")
                append(field[0], field[1], _unquote(text))
                continue
            if stripped.startswith('"'):
                if field is None:
                    raise ValueError(f"{path}: continuation without field: {line!r}")
                append(field[0], field[1], _unquote(stripped))
                continue
            raise ValueError(f"{path}: cannot parse line {line!r}")
    flush()
    return entries


def _write_field(out, name, value):
    if "\n" in value[:-1]:
        out.append(f'{name} ""')
        parts = value.split("\n")
        for i, part in enumerate(parts):
            piece = part + ("\n" if i < len(parts) - 1 else "")
            if piece:
                out.append(_quote(piece))
    else:
        out.append(f"{name} {_quote(value)}")


def write_po(path: str, entries: list[Entry], header: str = HEADER, comment: str = "") -> None:
    out = []
    for c in comment.splitlines():
        out.append(f"# {c}".rstrip())
    _write_field(out, "msgid", "")
    _write_field(out, "msgstr", header)
    out.append("")
    for e in entries:
        flags = [f for f in e.flags if f != "fuzzy"]
        if flags:
            out.append("#, " + ", ".join(flags))
        if e.msgctxt is not None:
            _write_field(out, "msgctxt", e.msgctxt)
        _write_field(out, "msgid", e.msgid)
        if e.msgid_plural is not None:
            _write_field(out, "msgid_plural", e.msgid_plural)
            for idx in sorted(e.msgstr_plural):
                _write_field(out, f"msgstr[{idx}]", e.msgstr_plural[idx])
        else:
            _write_field(out, "msgstr", e.msgstr)
        out.append("")
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(out))


# --------------------------------------------------------------------------
# Placeholders
# --------------------------------------------------------------------------

_PRINTF_RE = re.compile(r"%(?:\([^)]+\))?[-#0+]*\d*(?:\.\d+)?[sdifrxXeEgGc]|%%")
_BRACE_RE = re.compile(r"\{[A-Za-z0-9_.\[\]]*(?:![rsa])?(?::[^{}]*)?\}")
_TAG_RE = re.compile(r"</?[A-Za-z][^<>]*>")


def placeholders(s: str):
    """Return (positional printf sequence, named multiset) of placeholders."""
    positional = []
    named = collections.Counter()
    for m in _PRINTF_RE.finditer(s):
        tok = m.group(0)
        if tok.startswith("%("):
            named[tok] += 1
        else:
            positional.append(tok)
    for m in _BRACE_RE.finditer(s):
        tok = m.group(0)
        if tok == "{}":
            positional.append(tok)
        else:
            named[tok] += 1
    for m in _TAG_RE.finditer(s):
        named[m.group(0)] += 1
    return positional, named


def _edges(s: str):
    lead = s[: len(s) - len(s.lstrip())]
    trail = s[len(s.rstrip()) :]
    return lead, trail


def translation_problems(msgid, msgid_plural, translation) -> list[str]:
    """Problems with a candidate translation (str or [str] for plurals)."""
    if msgid_plural is not None:
        if not isinstance(translation, list) or len(translation) != 1:
            return ["plural entry needs a one-element list"]
        text = translation[0]
        # nplurals=1: msgstr[0] is used for every n, so it must carry the
        # placeholders of the general (plural) form -- msgfmt --check agrees.
        sources = [msgid_plural]
    else:
        if not isinstance(translation, str):
            return ["singular entry needs a string"]
        text = translation
        sources = [msgid]
    if not text or not text.strip():
        return ["empty translation"]
    problems = []
    ph = placeholders(text)
    if placeholders(sources[0]) != ph:
        problems.append(f"placeholders differ: source {placeholders(sources[0])} vs translation {ph}")
    if _edges(text) != _edges(msgid):
        problems.append("leading/trailing whitespace differs")
    return problems


# --------------------------------------------------------------------------
# Loading catalogs
# --------------------------------------------------------------------------


def _catalog_path(app: str, lang: str, domain: str) -> str:
    return os.path.join(wagtail_dir(), app, "locale", lang, "LC_MESSAGES", f"{domain}.po")


def source_entries(domain: str) -> collections.OrderedDict[str, Entry]:
    """English entries for the domain, de-duplicated by (msgctxt, msgid)."""
    result = collections.OrderedDict()
    for app, dom in APPS:
        if dom != domain:
            continue
        path = _catalog_path(app, "en", domain)
        if not os.path.exists(path):
            raise SystemExit(f"Missing English catalog {path}")
        for e in parse_po(path):
            if e.msgid == "":
                continue
            if e.key in result:
                existing = result[e.key]
                for f in e.flags:
                    if f not in existing.flags and f != "fuzzy":
                        existing.flags.append(f)
                if existing.msgid_plural is None and e.msgid_plural is not None:
                    existing.msgid_plural = e.msgid_plural
                continue
            e.flags = [f for f in e.flags if f != "fuzzy"]
            e.references = [f"wagtail/{app}:{r}".replace("wagtail/:", "wagtail:") for r in e.references]
            result[e.key] = e
    return result


def wagtail_vi(domain: str) -> dict:
    """Usable translations from Wagtail's own vi catalogs (first app wins)."""
    result = {}
    for app, dom in APPS:
        if dom != domain:
            continue
        path = _catalog_path(app, "vi", domain)
        if not os.path.exists(path):
            continue
        for e in parse_po(path):
            if e.msgid == "" or e.fuzzy or e.key in result:
                continue
            t = e.translation()
            text = t[0] if isinstance(t, list) else t
            if text and text.strip() and not translation_problems(e.msgid, e.msgid_plural, t):
                result[e.key] = t
    return result


def our_translations() -> dict:
    result = {}
    for path in sorted(glob.glob(os.path.join(TRANSLATIONS_DIR, "*.json"))):
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
        for k, v in data.items():
            result[k] = v
    return result


def resolve(domain: str, ours: dict | None = None):
    """Yield (entry, translation, origin) for every source entry of domain.

    origin is "ours", "wagtail" or None (missing/invalid).
    """
    if ours is None:
        ours = our_translations()
    vi = wagtail_vi(domain)
    for key, e in source_entries(domain).items():
        t = ours.get(key)
        if t is not None and not translation_problems(e.msgid, e.msgid_plural, t):
            yield e, t, "ours"
        elif key in vi:
            yield e, vi[key], "wagtail"
        else:
            yield e, t, None


# --------------------------------------------------------------------------
# Commands
# --------------------------------------------------------------------------


def cmd_extract(out_dir: str, size: int) -> int:
    ours = our_translations()
    todo = []
    seen = set()
    for domain in DOMAINS:
        for e, t, origin in resolve(domain, ours):
            if origin is not None or e.key in seen:
                continue
            seen.add(e.key)
            item = {"key": e.key, "domain": domain, "msgid": e.msgid}
            if e.msgctxt is not None:
                item["msgctxt"] = e.msgctxt
            if e.msgid_plural is not None:
                item["msgid_plural"] = e.msgid_plural
            if t is not None:
                item["current"] = t
                item["problems"] = translation_problems(e.msgid, e.msgid_plural, t)
            item["references"] = e.references[:3]
            todo.append(item)
    if os.path.isdir(out_dir):
        for old in glob.glob(os.path.join(out_dir, "todo_*.json")):
            os.remove(old)
    os.makedirs(out_dir, exist_ok=True)
    n_chunks = 0
    for i in range(0, len(todo), size):
        n_chunks += 1
        path = os.path.join(out_dir, f"todo_{n_chunks:03d}.json")
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(todo[i : i + size], fh, ensure_ascii=False, indent=1)
    print(f"{len(todo)} entries need translation; wrote {n_chunks} chunk(s) to {out_dir}")
    return 0


def build_entries(domain: str, ours: dict | None = None):
    entries = []
    stats = collections.Counter()
    for e, t, origin in resolve(domain, ours):
        stats[origin or "missing"] += 1
        out = Entry()
        out.msgctxt, out.msgid, out.msgid_plural = e.msgctxt, e.msgid, e.msgid_plural
        out.flags = list(e.flags)
        if origin is None:
            # keep the entry untranslated; check will report it
            t = [""] if e.msgid_plural is not None else ""
        if e.msgid_plural is not None:
            out.msgstr_plural = {0: t[0]}
        else:
            out.msgstr = t
        entries.append(out)
    return entries, stats


def compile_mo(po_path: str) -> bool:
    msgfmt = shutil.which("msgfmt")
    if not msgfmt:
        print("msgfmt not found: .mo not compiled", file=sys.stderr)
        return False
    mo_path = po_path[:-3] + ".mo"
    result = subprocess.run([msgfmt, "--check", "-o", mo_path, po_path])
    if result.returncode:
        print(f"msgfmt failed for {po_path}", file=sys.stderr)
    return result.returncode == 0


def cmd_build() -> int:
    ours = our_translations()
    os.makedirs(LC_DIR, exist_ok=True)
    ok = True
    for domain in DOMAINS:
        entries, stats = build_entries(domain, ours)
        path = os.path.join(LC_DIR, f"{domain}.po")
        write_po(
            path,
            entries,
            comment=(
                "Supplementary Vietnamese translations for the Wagtail admin.\n"
                "GENERATED by scripts/wagtail_catalog.py build -- do not edit by hand;\n"
                "edit locale-wagtail/translations/*.json instead."
            ),
        )
        ok = compile_mo(path) and ok
        print(
            f"{domain}.po: {len(entries)} entries "
            f"({stats['ours']} ours, {stats['wagtail']} reused from Wagtail vi, "
            f"{stats['missing']} missing)"
        )
    return 0 if ok else 1


def check() -> list[str]:
    """Return a list of problems (empty when the catalogs are complete)."""
    problems = []
    for domain in DOMAINS:
        po_path = os.path.join(LC_DIR, f"{domain}.po")
        built = {}
        if os.path.exists(po_path):
            built = {e.key: e for e in parse_po(po_path) if e.msgid}
        else:
            problems.append(f"{domain}: {po_path} does not exist (run build)")
        vi = wagtail_vi(domain)
        for key, e in source_entries(domain).items():
            ours = built.get(key)
            t = ours.translation() if ours is not None else None
            text = (t[0] if isinstance(t, list) else t) if t is not None else ""
            label = f"{domain}: {key!r}"
            if text:
                if ours.msgid_plural != e.msgid_plural:
                    problems.append(f"{label}: msgid_plural differs from Wagtail's")
                for p in translation_problems(e.msgid, e.msgid_plural, t):
                    problems.append(f"{label}: {p}")
            elif key not in vi:
                problems.append(f"{label}: missing translation")
            else:
                text = vi[key][0] if isinstance(vi[key], list) else vi[key]
            problems.extend(f"{label}: {p}" for p in glossary_problems(e.msgid, text))
    return problems


def glossary_problems(msgid: str, text: str) -> list[str]:
    expected = GLOSSARY.get(msgid.strip())
    if expected is None or not text or text.strip() == expected:
        return []
    return [f"glossary: expected {expected!r}, got {text!r}"]


def coverage_stats():
    stats = collections.Counter()
    for domain in DOMAINS:
        for _e, _t, origin in resolve(domain):
            stats[origin or "missing"] += 1
    return stats


def cmd_check() -> int:
    problems = check()
    stats = coverage_stats()
    total = sum(stats.values())
    for p in problems:
        print(p)
    print(
        f"{total} entries: {stats['ours']} translated by us, "
        f"{stats['wagtail']} reused from Wagtail vi, {stats['missing']} missing; "
        f"{len(problems)} problem(s)"
    )
    return 1 if problems else 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    p_ex = sub.add_parser("extract", help="write entries still needing translation as JSON chunks")
    p_ex.add_argument("--out", default=os.path.join(tempfile.gettempdir(), "wagtail-catalog-todo"))
    p_ex.add_argument("--size", type=int, default=150)
    sub.add_parser("build", help="write the .po files and compile the .mo files")
    sub.add_parser("check", help="verify coverage and placeholders")
    args = parser.parse_args(argv)
    if args.cmd == "extract":
        return cmd_extract(args.out, args.size)
    if args.cmd == "build":
        return cmd_build()
    return cmd_check()


if __name__ == "__main__":
    sys.exit(main())
