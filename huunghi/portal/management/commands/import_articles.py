"""manage.py import_articles PATH --site SLUG [--publish] [--images DIR]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from huunghi.core.media import union_media_ensure
from huunghi.portal.importer import import_article_file
from huunghi.portal.models import NewsIndexPage, UnionHomePage


class Command(BaseCommand):
    help = "Import articles in plain text (one .txt file per article) into a union's news, as drafts or published."

    def add_arguments(self, parser):
        parser.add_argument("path", help="an article file, or a folder of .txt files")
        parser.add_argument("--site", required=True, help="the union's slug, e.g. nghe-an")
        parser.add_argument("--publish", action="store_true", help="publish at once (default: drafts for moderation)")
        parser.add_argument("--images", action="append", default=[], help="another folder where photos are looked up")

    def handle(self, *args, path, site, publish, images, **options):
        home = UnionHomePage.objects.filter(organization__slug=site, locale__language_code="vi").first()
        if home is None:
            raise CommandError(f"No portal for the organization {site!r}.")
        news_index = home.get_children().type(NewsIndexPage).first()
        if news_index is None:
            raise CommandError(f"The portal of {site!r} has no news index page.")
        source = Path(path)
        files = sorted(source.glob("*.txt")) if source.is_dir() else [source]
        if not files or not all(f.is_file() for f in files):
            raise CommandError(f"No article file at {path}.")
        collection, _group = union_media_ensure(home.organization)
        for file in files:
            try:
                page, notes = import_article_file(
                    file, news_index=news_index.specific, collection=collection, image_dirs=images, publish=publish
                )
            except (ValueError, UnicodeDecodeError) as exc:
                self.stderr.write(f"{file.name}: {exc}")
                continue
            state = "published" if publish else "draft"
            self.stdout.write(f"{file.name}: {state} “{page.title}” ({page.url_path})")
            for note in notes:
                self.stdout.write(f"  - {note}")
