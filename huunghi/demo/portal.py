"""Demo content of the portals, written for the demo on the facts of DESIGN.md §5: a few news
articles per union of Cụm thi đua số 1 (emulation cluster No. 1) and VUFO, categories, the
standard pages, the moderation workflow of each union, and one article translated into English."""

import datetime

from django.db import transaction
from wagtail.rich_text import RichText

from huunghi.orgs.models import Organization
from huunghi.portal.blocks import paragraph_html
from huunghi.portal.models import UnionHomePage
from huunghi.portal.services import (
    article_save,
    category_ensure,
    page_translation_ensure,
    union_portal_ensure,
    union_workflow_ensure,
)
from huunghi.relations.models import Event

from . import data
from .relations import COVENANT_2024, EXECUTIVE_CONFERENCE_2024

VN = datetime.timezone(datetime.timedelta(hours=7))

# (slug, Vietnamese name, English name)
CATEGORIES = [
    ("doi-ngoai-nhan-dan", "Đối ngoại nhân dân", "People-to-people diplomacy"),
    ("hoat-dong-hoi", "Hoạt động hội", "Associations"),
    ("thi-dua-khen-thuong", "Thi đua – khen thưởng", "Emulation and awards"),
    ("vien-tro", "Vận động viện trợ", "Aid mobilization"),
]

# Editors and approvers of the demo (README): nghean.editor submits, nghean.admin publishes.
WORKFLOW_MEMBERS = {"nghean.editor": "editors", "nghean.admin": "approvers", "thanhhoa.admin": "approvers"}


def _p(*paragraphs):
    return [("paragraph", RichText(paragraph_html(text))) for text in paragraphs]


def _covenant_article(province):
    return {
        "slug": "ky-giao-uoc-cum-so-1-nam-2024",
        "title": f"Liên hiệp các tổ chức hữu nghị {province} ký giao ước thi đua Cụm số 1 năm 2024",
        "lead": (
            f"Tại tỉnh Điện Biên, từ ngày 1 đến 3/4/2024, Liên hiệp các tổ chức hữu nghị {province} cùng mười một "
            "địa phương phía Bắc ký giao ước chương trình phối hợp hoạt động đối ngoại nhân dân Cụm số 1."
        ),
        "body": _p(
            "Lễ ký nằm trong chuỗi hoạt động hướng tới kỷ niệm 70 năm Chiến thắng Điện Biên Phủ. Cụm số 1 năm 2024 "
            "có mười hai Liên hiệp: Bắc Giang, Bắc Ninh, Hà Nội, Hải Dương, Hải Phòng, Nam Định, Ninh Bình, "
            "Nghệ An, Thái Bình, Thanh Hóa, Vĩnh Phúc và Quảng Ninh.",
            "Các thành viên thống nhất tăng cường phối hợp giữa Liên hiệp các tổ chức hữu nghị Việt Nam với các "
            "Liên hiệp địa phương và giữa các thành viên trong Cụm; đẩy mạnh thi đua, khen thưởng; phối hợp các "
            "hoạt động hòa bình, đoàn kết, hữu nghị, thông tin đối ngoại, vận động viện trợ phi chính phủ nước "
            "ngoài và xây dựng tổ chức.",
        ),
        "date": datetime.datetime(2024, 4, 4, 9, 0, tzinfo=VN),
        "category": "thi-dua-khen-thuong",
        "tags": ["Cụm số 1", "Điện Biên", "giao ước thi đua"],
        "event": COVENANT_2024["title"],
    }


NGHE_AN_ARTICLES = [
    {
        "slug": "doan-nghe-an-du-le-ky-giao-uoc-tai-dien-bien",
        "title": "Đồng chí Nguyễn Văn Thông dẫn đầu đoàn Nghệ An dự Lễ ký giao ước tại Điện Biên",
        "lead": (
            "Đoàn Liên hiệp các tổ chức hữu nghị tỉnh Nghệ An do đồng chí Nguyễn Văn Thông, Phó Bí thư Thường trực "
            "Tỉnh ủy, Chủ tịch Liên hiệp dẫn đầu đã dự Lễ ký giao ước Cụm số 1 năm 2024."
        ),
        "body": _p(
            "Chuyến công tác diễn ra từ ngày 1 đến 3/4/2024 tại tỉnh Điện Biên, đúng dịp cả nước hướng tới kỷ "
            "niệm 70 năm Chiến thắng Điện Biên Phủ.",
            "Bên cạnh lễ ký, đoàn dâng hương tại các di tích lịch sử và trao đổi kinh nghiệm công tác đối ngoại "
            "nhân dân với Liên hiệp các tỉnh bạn.",
        ),
        "date": datetime.datetime(2024, 4, 3, 20, 0, tzinfo=VN),
        "category": "doi-ngoai-nhan-dan",
        "tags": ["Cụm số 1", "Điện Biên", "Nguyễn Văn Thông"],
        "event": COVENANT_2024["title"],
    },
    {
        "slug": "hoi-nghi-ban-chap-hanh-lan-thu-9-nhiem-ky-5",
        "title": "Hội nghị Ban Chấp hành lần thứ 9: năm 2023 đón trên 20 đoàn, vận động gần 1,5 tỷ đồng",
        "lead": (
            "Ngày 24/1/2024, Liên hiệp các tổ chức hữu nghị tỉnh Nghệ An tổng kết công tác năm 2023 và triển "
            "khai nhiệm vụ năm 2024 tại Hội nghị Ban Chấp hành lần thứ 9, nhiệm kỳ 5."
        ),
        "body": _p(
            "Năm 2023, Liên hiệp và các tổ chức thành viên chủ trì, đón và làm việc với hơn 20 đoàn Nhà nước và "
            "tổ chức nhân dân các nước; vận động, tiếp nhận và trao học bổng, viện trợ, hỗ trợ thương bệnh binh "
            "và nhân dân vùng lũ với tổng trị giá gần 1,5 tỷ đồng.",
            "Hội Hữu nghị Việt – Nga có thêm Chi hội huyện Diễn Châu với khoảng 100 hội viên. Hội Hữu nghị "
            "Việt – Lào thành lập 3 chi hội cựu quân tình nguyện và chuyên gia quân sự giúp Lào ở Nghi Lộc, "
            "Hưng Nguyên và Nam Đàn, cùng 7.000 hội viên.",
            "Liên hiệp cũng đẩy mạnh cải cách hành chính gắn với chuyển đổi số.",
        ),
        "date": datetime.datetime(2024, 1, 24, 17, 0, tzinfo=VN),
        "category": "hoat-dong-hoi",
        "tags": ["Ban Chấp hành", "tổng kết năm 2023", "Việt – Lào", "Việt – Nga"],
        "event": EXECUTIVE_CONFERENCE_2024["title"],
        "english": {
            "title": "Ninth executive committee conference: over 20 delegations and nearly 1.5 billion VND in 2023",
            "lead": (
                "On 24 January 2024 the Nghe An Union of Friendship Organizations reviewed its work in 2023 and "
                "set its tasks for 2024 at the ninth conference of its executive committee (5th term)."
            ),
            "body": _p(
                "In 2023 the union and its member organizations hosted and worked with more than 20 delegations "
                "of foreign states and people's organizations, and mobilized scholarships, aid and support for "
                "war invalids and flood victims worth nearly 1.5 billion VND.",
                "The Vietnam–Russia Friendship Association gained a branch in Dien Chau district (about 100 "
                "members); the Vietnam–Laos Friendship Association founded three branches of former volunteer "
                "soldiers and military experts in Laos, in Nghi Loc, Hung Nguyen and Nam Dan (7,000 members).",
            ),
        },
    },
    {
        "slug": "dinh-huong-doi-ngoai-nhan-dan-nam-2024",
        "title": "Năm 2024: đẩy mạnh thông tin đối ngoại và đối ngoại nhân dân trên địa bàn Nghệ An",
        "lead": (
            "Liên hiệp triển khai Chỉ thị 12-CT/TW ngày 5/1/2022 của Ban Bí thư và phát huy trang thông tin điện "
            "tử để quảng bá hình ảnh, văn hóa và sự phát triển của tỉnh."
        ),
        "body": _p(
            "Chủ tịch Liên hiệp Nguyễn Văn Thông đề nghị các tổ chức thành viên đẩy mạnh thông tin đối ngoại, "
            "đặc biệt công tác đối ngoại nhân dân trên địa bàn tỉnh.",
            "Trang thông tin điện tử của Liên hiệp được giao nhiệm vụ quảng bá hình ảnh, bản sắc văn hóa và sự "
            "phát triển kinh tế – xã hội của Nghệ An; các nguồn lực được khai thác cho an sinh xã hội và bảo vệ "
            "môi trường.",
            "Các văn bản định hướng: Kết luận 12-KL/TW ngày 12/8/2021 về công tác người Việt Nam ở nước ngoài, "
            "Chỉ thị 12-CT/TW ngày 5/1/2022 về đối ngoại nhân dân và Chỉ thị 25-CT/TW ngày 8/8/2018 về đối "
            "ngoại đa phương đến năm 2030.",
        ),
        "date": datetime.datetime(2024, 1, 26, 8, 30, tzinfo=VN),
        "category": "doi-ngoai-nhan-dan",
        "tags": ["Chỉ thị 12-CT/TW", "thông tin đối ngoại"],
    },
    {
        "slug": "hoi-viet-lao-them-ba-chi-hoi",
        "title": "Hội Hữu nghị Việt – Lào có thêm ba chi hội cựu quân tình nguyện",
        "lead": "Ba chi hội ở Nghi Lộc, Hưng Nguyên và Nam Đàn quy tụ 7.000 hội viên từng giúp nước bạn Lào.",
        "body": _p(
            "Các chi hội tập hợp cựu quân tình nguyện và chuyên gia quân sự Việt Nam giúp Lào, góp phần vun đắp "
            "quan hệ đặc biệt Việt Nam – Lào.",
        ),
        "date": datetime.datetime(2023, 12, 15, 10, 0, tzinfo=VN),
        "category": "hoat-dong-hoi",
        "tags": ["Việt – Lào", "chi hội"],
    },
]

VUFO_ARTICLES = [
    {
        "slug": "cum-so-1-ky-giao-uoc-nam-2024",
        "title": "Mười hai Liên hiệp phía Bắc ký giao ước Cụm số 1 năm 2024",
        "lead": (
            "Chương trình phối hợp năm 2024 của Cụm số 1 gắn kết Liên hiệp các tổ chức hữu nghị Việt Nam với "
            "các Liên hiệp địa phương."
        ),
        "body": _p(
            "Lễ ký diễn ra tại Điện Biên từ ngày 1 đến 3/4/2024, trong dịp kỷ niệm 70 năm Chiến thắng Điện Biên Phủ.",
        ),
        "date": datetime.datetime(2024, 4, 4, 15, 0, tzinfo=VN),
        "category": "thi-dua-khen-thuong",
        "tags": ["Cụm số 1"],
    },
    {
        "slug": "trien-khai-chi-thi-12-ct-tw",
        "title": "Nâng cao hiệu quả đối ngoại nhân dân theo Chỉ thị 12-CT/TW",
        "lead": "Chỉ thị 12-CT/TW ngày 5/1/2022 của Ban Bí thư là kim chỉ nam cho công tác đối ngoại nhân dân.",
        "body": _p(
            "Các Liên hiệp địa phương được đề nghị tiếp tục tuyên truyền Chỉ thị 12-CT/TW, Kết luận 12-KL/TW và "
            "Chỉ thị 25-CT/TW về đối ngoại đa phương.",
        ),
        "date": datetime.datetime(2024, 2, 20, 9, 0, tzinfo=VN),
        "category": "doi-ngoai-nhan-dan",
        "tags": ["Chỉ thị 12-CT/TW"],
    },
]


def _save(news_index, article, categories):
    events = []
    if article.get("event"):
        events = list(Event.objects.filter(title=article["event"]))
    return article_save(
        news_index=news_index,
        slug=article["slug"],
        title=article["title"],
        lead=article["lead"],
        body=article["body"],
        author=article.get("author", "Ban biên tập"),
        date=article["date"],
        category=categories[article["category"]],
        tags=article.get("tags", ()),
        events=events,
        publish=True,
    )


@transaction.atomic
def load_portal():
    """Idempotent: run again, the same pages get a new revision with the same content."""
    categories = {}
    for slug, name, name_en in CATEGORIES:
        categories[slug] = category_ensure(slug=slug, name=name)
        category_ensure(slug=slug, name=name_en, language_code="en", translation_of=categories[slug])

    unions = [data.VUFO["slug"], *(slug for slug, _ in data.CLUSTER_1_2024)]
    for slug in unions:
        organization = Organization.objects.get(slug=slug)
        home, news, _organizations, _contact = union_portal_ensure(organization=organization)
        if slug == data.VUFO["slug"]:
            articles = VUFO_ARTICLES
        else:
            province = dict(data.CLUSTER_1_2024)[slug]
            articles = [_covenant_article(province)] + (NGHE_AN_ARTICLES if slug == "nghe-an" else [])
        for article in articles:
            page = _save(news, article, categories)
            if article.get("english"):
                _translate(home, news, page, article["english"], categories[article["category"]])
        union_workflow_ensure(organization=organization)
    _workflow_members()


def _translate(home, news, page, english, category):
    """The English version of an article, with the English home and news index it lives under."""
    from huunghi.portal.models import NewsCategory

    home_en = page_translation_ensure(page=home, title=home.organization.name_en or home.title)
    home_en.save_revision().publish()
    news_en = page_translation_ensure(page=news, title="News", slug="news")
    news_en.save_revision().publish()
    category_en = NewsCategory.objects.get(translation_key=category.translation_key, locale__language_code="en")
    article_en = page_translation_ensure(
        page=page,
        title=english["title"],
        lead=english["lead"],
        body=english["body"],
        category=category_en,
        date=page.date,
        author="Editorial board",
    )
    article_en.get_latest_revision().publish()


def _workflow_members():
    from django.contrib.auth import get_user_model

    User = get_user_model()
    for username, role in WORKFLOW_MEMBERS.items():
        user = User.objects.filter(username=username).select_related("organization").first()
        if user is None:
            continue
        union = user.organization
        editors, approvers = union_workflow_ensure(organization=union)
        user.groups.add(editors if role == "editors" else approvers)


def home_of(slug):
    return UnionHomePage.objects.get(organization__slug=slug, locale__language_code="vi")
