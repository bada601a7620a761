"""Import of existing articles (tin bài) from the plain text that newspaper sites give when an
article is copied: title line, byline with date, paragraphs, photo file names each followed by its
caption line ending in the photographer credit ("Ảnh: Quốc Khánh"), and the site's boilerplate
(footer lines, the title repeated at the end), which is dropped."""

import datetime
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from django.utils.text import slugify
from django.utils.translation import gettext as _

from huunghi.core.text import fold, tidy

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
IMAGE_FILE = re.compile(r"^\S.*\.(jpe?g|png|gif|webp)$", re.IGNORECASE)
CREDIT = re.compile(r"^(?P<caption>.*?)[\s.]*Ảnh\s*:\s*(?P<credit>[^.]+?)\.?$")
BYLINE = re.compile(
    r"^(?P<author>.*?)\s*(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})(?:\s+(?P<hour>\d{1,2}):(?P<minute>\d{2}))?$"
)
MONTH_DATE = re.compile(r"\bdate\s+(?P<year>\d{4})-(?P<month>\d{2})(?:-(?P<day>\d{2}))?\b")
DAY_MONTH = re.compile(r"\b(?P<day>\d{1,2})/(?P<month>\d{1,2})\b")
SOURCE_PREFIX = re.compile(r"^\((?P<source>[^)]{2,40})\)\s*[-–—]\s*")
BOILERPLATE = [
    re.compile(r"POWERED BY", re.IGNORECASE),
    re.compile(r"^Theo dõi\b", re.IGNORECASE),
    re.compile(r"Bản quyền|Copyright|©", re.IGNORECASE),
]


@dataclass
class ParsedArticle:
    title: str
    author: str = ""
    date: datetime.datetime | None = None
    source: str = ""
    lead: str = ""
    blocks: list = field(default_factory=list)  # ("paragraph", text) | ("photo", file name, caption, credit)
    notes: list = field(default_factory=list)


def _is_boilerplate(line):
    return any(pattern.search(line) for pattern in BOILERPLATE)


def _month_date(line):
    match = MONTH_DATE.search(line)
    if not match:
        return None
    return datetime.date(int(match["year"]), int(match["month"]), int(match["day"] or 1)), match["day"] is not None


def parse_article(text):
    """The parts of one article in the seed shape. Raises ValueError when the file is empty.

    An article copied without its title line (the file starts with the site's date line or the
    lead) gets its title from the lead's first clause, with a note for the editor to check it."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n"))
    lines = [tidy(line) for line in text.split("\n")]
    lines = [line for line in lines if line]
    if not lines:
        raise ValueError(_("The file is empty."))
    title = ""
    if not _is_boilerplate(lines[0]) and not MONTH_DATE.search(lines[0]) and not SOURCE_PREFIX.match(lines[0]):
        title = lines.pop(0)
    article = ParsedArticle(title=title)
    # Trailing boilerplate: the title repeated at the end, footer lines.
    while lines and ((title and fold(lines[-1]) == fold(title)) or _is_boilerplate(lines[-1])):
        lines.pop()
    month_only = None
    if lines:
        byline = BYLINE.match(lines[0])
        if byline and len(lines[0]) < 120:
            lines.pop(0)
            article.author = byline["author"].strip(" -–,")
            article.date = datetime.datetime(
                int(byline["year"]), int(byline["month"]), int(byline["day"]),
                int(byline["hour"] or 0), int(byline["minute"] or 0), tzinfo=VIETNAM,
            )  # fmt: skip
    body = []
    for line in lines:
        found = _month_date(line)
        if _is_boilerplate(line) or (found and len(line) < 120):
            if found and article.date is None:
                month_only = found
            continue
        body.append(line)

    index = 0
    while index < len(body):
        line = body[index]
        if IMAGE_FILE.match(line) and len(line) < 200:
            caption_line = body[index + 1] if index + 1 < len(body) else ""
            credit = CREDIT.match(caption_line) if caption_line else None
            if credit:
                article.blocks.append(("photo", line, credit["caption"].strip(), credit["credit"].strip()))
                index += 2
            else:
                article.blocks.append(("photo", line, "", ""))
                index += 1
            continue
        article.blocks.append(("paragraph", line))
        index += 1

    first = next((i for i, b in enumerate(article.blocks) if b[0] == "paragraph"), None)
    if first is not None:
        lead = article.blocks[first][1]
        source = SOURCE_PREFIX.match(lead)
        if source:
            article.source = source["source"]
            lead = lead[source.end() :]
        article.lead = lead
        del article.blocks[first]
    if article.date is None and month_only is not None:
        article.date = _refine_day(month_only, article.lead)
    if not article.title:
        article.title = _title_from_lead(article.lead)
        article.notes.append(_("The file has no title line: the title was taken from the lead; check it."))
    if not article.title:
        raise ValueError(_("The file has no title line."))
    return article


LEADING_TIME = re.compile(r"^(?:(?:Sáng|Chiều|Trưa|Tối|Ngày|Hôm nay|Từ ngày)\s+)?[\d/\s–-]+,\s*", re.IGNORECASE)


def _title_from_lead(lead):
    """ "Chiều 24/1, Liên hiệp … năm 2024." → "Liên hiệp … năm 2024"."""
    sentence = re.split(r"(?<=[.!?…])\s", lead, maxsplit=1)[0].rstrip(".…")
    sentence = LEADING_TIME.sub("", sentence)
    return sentence[:1].upper() + sentence[1:255]


def _refine_day(found, lead):
    """ "date 2024-01" gives the month; "Chiều 24/1" in the lead gives the day of that month."""
    day, exact = found
    if not exact:
        for match in DAY_MONTH.finditer(lead):
            if int(match["month"]) == day.month:
                try:
                    day = day.replace(day=int(match["day"]))
                except ValueError:
                    continue
                break
    return datetime.datetime(day.year, day.month, day.day, tzinfo=VIETNAM)


def article_slug(title):
    return slugify(fold(title))[:80].strip("-") or "bai-viet"


def find_image(name, directories):
    for directory in directories:
        candidate = Path(directory) / name
        if candidate.is_file():
            return candidate
    return None


def import_article_file(path, *, news_index, collection=None, image_dirs=(), publish=False, acting_user=None):
    """Create (or update) the page of one article file. Returns (page, notes)."""
    from django.core.files.images import ImageFile
    from wagtail.images import get_image_model
    from wagtail.rich_text import RichText

    from .blocks import paragraph_html
    from .services import article_save

    path = Path(path)
    article = parse_article(path.read_text(encoding="utf-8-sig"))
    directories = [path.parent, *image_dirs]
    body, notes = [], []
    Image = get_image_model()
    for block in article.blocks:
        if block[0] == "paragraph":
            body.append(("paragraph", RichText(paragraph_html(block[1]))))
            continue
        _kind, name, caption, credit = block
        found = find_image(name, directories)
        if found is None:
            notes.append(_("Photo not found: %(name)s") % {"name": name})
            body.append(("missing_image", {"file_name": name, "caption": caption, "credit": credit}))
            continue
        with found.open("rb") as handle:
            image = Image(title=caption[:255] or name, caption=caption, credit=credit)
            if collection is not None:
                image.collection = collection
            image.file = ImageFile(handle, name=found.name)
            image.save()
        body.append(("image", {"image": image, "caption": caption, "credit": credit, "alt": ""}))
    if article.source:
        notes.append(_("Source: %(source)s") % {"source": article.source})
    notes = article.notes + notes
    page = article_save(
        news_index=news_index,
        slug=article_slug(article.title),
        title=article.title,
        lead=article.lead,
        body=body,
        author=article.author,
        date=article.date,
        import_notes="\n".join(notes),
        publish=publish,
        acting_user=acting_user,
    )
    return page, notes
