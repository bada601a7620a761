"""Open data with no account: news, the organization registry, yearly figures per union."""

import datetime

import pytest
from wagtail.models import PageViewRestriction

from huunghi.aid.aggregates import aid_totals
from huunghi.orgs.models import Organization, Person
from huunghi.orgs.selectors import member_count
from huunghi.portal.models import NewsArticlePage
from huunghi.relations.stats import relations_stats

pytestmark = pytest.mark.django_db

NEWS = "/api/v1/public/news/"
ORGANIZATIONS = "/api/v1/public/organizations/"
STATISTICS = "/api/v1/public/statistics/"
ORGANIZATION_FIELDS = {
    "id", "slug", "name", "short_name", "name_en", "kind", "parent", "partner_country", "admin_unit",
    "founded_on", "dissolved_on", "successor",
}  # fmt: skip
NEWS_FIELDS = {"id", "title", "lead", "date", "updated_at", "url", "site", "locale", "translation_key", "category",
               "tags"}  # fmt: skip


def all_pages(api, url, **params):
    results, offset = [], 0
    while True:
        body = api.get(url, limit=100, offset=offset, **params).json()
        results += body["results"]
        if not body["next"]:
            return results, body["count"]
        offset += 100


def test_organizations_have_exactly_the_registry_fields(api):
    results, count = all_pages(api, ORGANIZATIONS)
    assert count == Organization.objects.count() == len(results)
    assert all(set(row) == ORGANIZATION_FIELDS for row in results)
    nghe_an = next(row for row in results if row["slug"] == "nghe-an")
    assert nghe_an["kind"] == "provincial_union" and nghe_an["parent"] == Organization.objects.get(slug="vufo").pk
    viet_lao = next(row for row in results if row["slug"] == "nghe-an-viet-lao")
    assert viet_lao["partner_country"] == "LA"
    bac_giang = next(row for row in results if row["slug"] == "bac-giang")  # merged into Bắc Ninh in 2025
    assert bac_giang["dissolved_on"] == "2025-06-30"
    assert bac_giang["successor"] == Organization.objects.get(slug="bac-ninh").pk


def test_no_personal_data_in_any_public_answer(api):
    # Members (officers who lead the union are public figures named in published articles).
    people = list(
        Person.objects.filter(memberships__isnull=False, positions__isnull=True)
        .exclude(full_name="")
        .values_list("full_name", "phone", "email")
        .distinct()
    )
    assert len(people) >= 10
    bodies = []
    for url, params in ((ORGANIZATIONS, {}), (NEWS, {}), (STATISTICS, {"year": 2023}), (STATISTICS, {"year": 2024})):
        offset = 0
        while True:
            response = api.get(url, limit=100, offset=offset, **params)
            assert response.status_code == 200
            bodies.append(response.content.decode())
            if not response.json()["next"]:
                break
            offset += 100
    text = "\n".join(bodies)
    for name, phone, email in people:
        assert name not in text, name
        assert not phone or phone not in text
        assert not email or email not in text
    for field in ("phone", "email", "address", "full_name", "birth_date", "members_list", "contact_person"):
        assert f'"{field}"' not in text


def test_news_lists_live_public_articles_only(api):
    results, count = all_pages(api, NEWS)
    expected = NewsArticlePage.objects.live().public().count()
    assert count == expected == len(results) > 0
    assert all(set(row) == NEWS_FIELDS for row in results)
    first = NewsArticlePage.objects.get(pk=results[0]["id"])
    hidden = NewsArticlePage.objects.get(pk=results[1]["id"])
    hidden.unpublish()
    PageViewRestriction.objects.create(page=first, restriction_type=PageViewRestriction.PASSWORD, password="x")
    ids = {row["id"] for row in all_pages(api, NEWS)[0]}
    assert first.pk not in ids and hidden.pk not in ids
    assert len(ids) == expected - 2


def test_news_by_site_language_and_category(api):
    nghe_an, _count = all_pages(api, NEWS, site="nghe-an")
    assert nghe_an and all(row["site"] == "nghe-an" for row in nghe_an)
    assert all(row["url"].startswith("http://nghe-an.localhost") for row in nghe_an)
    english, _count = all_pages(api, NEWS, locale="en")
    assert english and all(row["locale"] == "en" for row in english)
    category = nghe_an[0]["category"]["slug"]
    in_category, _count = all_pages(api, NEWS, category=category)
    assert in_category and all(row["category"]["slug"] == category for row in in_category)
    article = api.get(f"{NEWS}{nghe_an[0]['id']}/").json()
    assert article == nghe_an[0]


def test_yearly_figures_come_from_the_statistics_functions(api):
    """Nghệ An 2023 (seed article): more than 20 delegations, nearly 1.5 billion đồng of aid."""
    body = api.get(STATISTICS, year=2023, organization="nghe-an").json()
    assert body["count"] == 1
    row = body["results"][0]
    nghe_an = Organization.objects.get(slug="nghe-an")
    start, end = datetime.date(2023, 1, 1), datetime.date(2023, 12, 31)
    stats = relations_stats(organization=nghe_an, start=start, end=end)
    assert row["delegations_received"] == stats.delegations["incoming"]
    assert row["delegations_sent"] == stats.delegations["outgoing"]
    assert row["delegations_received"] + row["delegations_sent"] > 20
    assert row["aid_received_vnd"] == aid_totals(organization=nghe_an, start=start, end=end).received_vnd
    assert 1_400_000_000 < row["aid_received_vnd"] < 1_500_000_000
    assert row["members"] == member_count(organization=nghe_an, on=end)
    assert row["branches"] >= 4  # Diễn Châu (Việt–Nga) and the three Việt–Lào branches of 2023


def test_statistics_list_the_unions_of_the_year(api):
    slugs_2024 = {row["organization"]["slug"] for row in all_pages(api, STATISTICS, year=2024)[0]}
    slugs_2026 = {row["organization"]["slug"] for row in all_pages(api, STATISTICS, year=2026)[0]}
    assert {"vufo", "nghe-an", "bac-giang", "hai-duong"} <= slugs_2024
    assert "bac-giang" not in slugs_2026 and "bac-ninh" in slugs_2026  # merged on 1/7/2025


@pytest.mark.parametrize("params", [{}, {"year": "abc"}, {"year": "1800"}, {"year": "2023", "limit": "x"}])
def test_statistics_refuse_a_missing_or_bad_year(api, params):
    response = api.get(STATISTICS, **params)
    assert response.status_code == 400 or (params.get("limit") == "x" and response.status_code == 200)


def test_pagination_is_stable_and_bounded(api):
    first = api.get(ORGANIZATIONS, limit=5).json()
    second = api.get(ORGANIZATIONS, limit=5, offset=5).json()
    assert len(first["results"]) == len(second["results"]) == 5
    assert not {r["id"] for r in first["results"]} & {r["id"] for r in second["results"]}
    assert [r["id"] for r in first["results"]] == sorted(r["id"] for r in first["results"])
    assert len(api.get(ORGANIZATIONS, limit=1000).json()["results"]) <= 100


def test_organization_filters(api):
    branches, _count = all_pages(api, ORGANIZATIONS, kind="branch", within="nghe-an")
    nghe_an = Organization.objects.get(slug="nghe-an")
    expected = Organization.objects.filter(kind="branch", path__startswith=nghe_an.path).count()
    assert len(branches) == expected > 0
    assert api.get(ORGANIZATIONS, kind="nonsense").status_code == 400
    assert api.get(ORGANIZATIONS, within="no-such-union").json()["count"] == 0


@pytest.mark.parametrize("url", [NEWS, ORGANIZATIONS, f"{STATISTICS}?year=2023"])
def test_etag_gives_304_until_the_data_changes(api, url):
    response = api.get(url)
    etag = response["ETag"]
    assert response.status_code == 200 and etag
    again = api.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    assert api.get(url, headers={"If-None-Match": '"other"'}).status_code == 200


def test_etag_changes_with_the_record(api):
    organization = Organization.objects.get(slug="nghe-an")
    url = f"{ORGANIZATIONS}{organization.pk}/"
    etag = api.get(url)["ETag"]
    Organization.objects.filter(pk=organization.pk).update(name_en="Changed by the test")
    response = api.get(url, headers={"If-None-Match": etag})
    assert response.status_code == 200 and response["ETag"] != etag


def test_public_endpoints_are_throttled(api, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"api_public": "3/minute"}}
    codes = [api.get(ORGANIZATIONS).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    assert api.get(ORGANIZATIONS).json()["detail"]


def test_public_endpoints_are_read_only(api):
    assert api.post(ORGANIZATIONS, {"name": "x"}).status_code == 405


def test_lists_take_a_bounded_number_of_queries(api, django_assert_max_num_queries):
    api.get(NEWS, limit=1)  # Wagtail caches the sites' root paths (a few queries per site, once)
    with django_assert_max_num_queries(8):
        assert api.get(ORGANIZATIONS, limit=100).status_code == 200
    with django_assert_max_num_queries(12):
        assert api.get(NEWS, limit=100).status_code == 200


@pytest.mark.parametrize("moment", ["0068-05-22T03:06:09+22:34", "9999-01-01T00:00:00Z", "yesterday"])
def test_news_dates_out_of_range_are_400(api, moment):
    assert api.get(NEWS, until=moment).status_code == 400


def test_news_since_accepts_any_offset(api):
    assert api.get(NEWS, since="2024-01-01T00:00:00+07:00").status_code == 200
