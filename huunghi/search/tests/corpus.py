"""The relevance test set: short Vietnamese articles written for the tests, and reader queries with
the article(s) a person would expect first. Queries are typed the ways readers type: with and
without diacritics, upper case, đ as d, NFD (decomposed) input, several words, phrases."""

import unicodedata

# key: (title, lead, body)
ARTICLES = {
    "giao-uoc": (
        "Liên hiệp các tổ chức hữu nghị tỉnh Nghệ An ký giao ước thi đua Cụm số 1",
        "Mười hai Liên hiệp phía Bắc cam kết phối hợp hoạt động năm 2024.",
        "Lễ ký diễn ra tại tỉnh Điện Biên trong dịp kỷ niệm chiến thắng lịch sử.",
    ),
    "xieng-khoang": (
        "Đoàn đại biểu tỉnh Xiêng Khoảng thăm và làm việc tại Nghệ An",
        "Hai bên trao đổi kinh nghiệm hợp tác giáo dục và y tế.",
        "Đoàn do Phó Chủ tịch tỉnh dẫn đầu, gồm 15 thành viên.",
    ),
    "tong-ket": (
        "Hội nghị tổng kết công tác đối ngoại nhân dân năm 2023",
        "Năm 2023 Liên hiệp đón trên 20 đoàn nước ngoài.",
        "Hội nghị đề ra phương hướng nhiệm vụ năm 2024.",
    ),
    "hoc-bong": (
        "Trao học bổng cho sinh viên Lào học tập tại thành phố Vinh",
        "Ba mươi suất học bổng được trao cho sinh viên xuất sắc.",
        "Các em sinh viên Lào đang học tại các trường đại học của tỉnh.",
    ),
    "thang-muoi": (
        "Hội Hữu nghị Việt – Nga kỷ niệm Cách mạng Tháng Mười",
        "Buổi gặp mặt ôn lại truyền thống quan hệ Việt – Nga.",
        "Nhiều cựu lưu học sinh tại Liên Xô tham dự.",
    ),
    "dien-bien": (
        "Điện Biên Phủ: 70 năm chiến thắng lừng lẫy năm châu",
        "Bạn bè quốc tế về dự lễ kỷ niệm tại Điện Biên.",
        "Chiến thắng năm 1954 là niềm tự hào của dân tộc.",
    ),
    "mua-lu": (
        "Vận động viện trợ phi chính phủ nước ngoài cho vùng mưa lũ",
        "Các tổ chức phi chính phủ hỗ trợ gần 1,5 tỷ đồng.",
        "Nhân dân vùng lũ nhận gạo, nước sạch và thuốc men.",
    ),
    "thanh-nien-nhat": (
        "Đoàn thanh niên Nhật Bản giao lưu văn hóa tại Thanh Hóa",
        "Các bạn trẻ Nhật Bản học gói bánh chưng và hát dân ca.",
        "Chuyến thăm do Hội Hữu nghị Việt – Nhật tỉnh phối hợp tổ chức.",
    ),
    "nuoc-sach": (
        "Hội Hữu nghị Việt – Hàn khánh thành công trình nước sạch",
        "Công trình phục vụ hơn 500 hộ dân vùng cao.",
        "Kinh phí do một tổ chức phi chính phủ Hàn Quốc tài trợ.",
    ),
    "nam-dan": (
        "Chi hội Hữu nghị Việt – Lào huyện Nam Đàn ra mắt",
        "Chi hội tập hợp cựu quân tình nguyện giúp Lào.",
        "Hội viên là những người từng chiến đấu và công tác tại nước bạn.",
    ),
    "cuba": (
        "Đại sứ Cuba thăm và làm việc với Liên hiệp",
        "Đại sứ đánh giá cao tình đoàn kết Việt Nam – Cuba.",
        "Hai bên bàn kế hoạch giao lưu nhân dịp kỷ niệm quan hệ ngoại giao.",
    ),
    "trang-dien-tu": (
        "Tăng cường thông tin đối ngoại trên trang thông tin điện tử",
        "Trang thông tin điện tử quảng bá hình ảnh, văn hóa của tỉnh.",
        "Ban biên tập cập nhật tin bài bằng tiếng Việt và tiếng Anh.",
    ),
    "doanh-nghiep-han": (
        "Hải Phòng đón đoàn doanh nghiệp Hàn Quốc tìm hiểu đầu tư",
        "Đoàn khảo sát các khu công nghiệp ven biển.",
        "Liên hiệp thành phố làm cầu nối giữa doanh nghiệp hai nước.",
    ),
    "bien-gioi": (
        "Quảng Ninh tổ chức giao lưu nhân dân biên giới Việt – Trung",
        "Người dân hai bên biên giới cùng tham gia ngày hội.",
        "Hoạt động góp phần xây dựng đường biên giới hòa bình, hữu nghị.",
    ),
    "quan-ho": (
        "Bắc Ninh: quan họ làm cầu nối hữu nghị với bạn bè quốc tế",
        "Các liền anh liền chị biểu diễn cho khách nước ngoài.",
        "Dân ca quan họ là di sản văn hóa phi vật thể của nhân loại.",
    ),
    "ha-noi-bch": (
        "Hội nghị Ban chấp hành Liên hiệp các tổ chức hữu nghị thành phố Hà Nội lần thứ 5",
        "Hội nghị đánh giá kết quả sáu tháng đầu năm.",
        "Các đại biểu thảo luận về công tác tổ chức và cán bộ.",
    ),
    "chuyen-doi-so": (
        "Đẩy mạnh chuyển đổi số trong công tác hội",
        "Phần mềm quản lý hội viên giúp giảm giấy tờ.",
        "Cải cách hành chính gắn với ứng dụng công nghệ thông tin.",
    ),
    "kieu-bao": (
        "Người Việt Nam ở nước ngoài hướng về quê hương",
        "Kiều bào tại Thái Lan về thăm quê dịp Tết.",
        "Kết luận 12-KL/TW về công tác người Việt Nam ở nước ngoài được quán triệt.",
    ),
    "da-phuong": (
        "Nâng tầm đối ngoại đa phương đến năm 2030",
        "Chỉ thị 25-CT/TW ngày 8/8/2018 của Ban Bí thư.",
        "Các tổ chức hữu nghị tham gia diễn đàn khu vực và quốc tế.",
    ),
    "thuong-binh": (
        "Tặng quà thương binh nhân Ngày Thương binh – Liệt sĩ",
        "Hội trao 200 suất quà cho thương binh, gia đình chính sách.",
        "Kinh phí vận động từ bạn bè quốc tế và các nhà hảo tâm.",
    ),
    "udon-thani": (
        "Hội Hữu nghị Việt – Thái thăm tỉnh Udon Thani",
        "Đoàn gặp gỡ cộng đồng người Việt tại Thái Lan.",
        "Hai bên ký biên bản ghi nhớ hợp tác thương mại.",
    ),
    "trang-an": (
        "Ninh Bình giới thiệu du lịch Tràng An với bạn bè quốc tế",
        "Quần thể danh thắng Tràng An thu hút khách nước ngoài.",
        "Hướng dẫn viên giới thiệu lịch sử cố đô Hoa Lư.",
    ),
    "den-tran": (
        "Nam Định: khách quốc tế dự lễ khai ấn đền Trần",
        "Nhiều đại sứ quán cử đại diện dự lễ.",
        "Lễ hội đầu xuân thu hút hàng vạn du khách.",
    ),
    "hua-phan": (
        "Vĩnh Phúc kết nghĩa hữu nghị với tỉnh Hủa Phăn",
        "Hai tỉnh ký thỏa thuận hợp tác giai đoạn 2024 – 2028.",
        "Hợp tác tập trung vào nông nghiệp và đào tạo nguồn nhân lực.",
    ),
    "bao-so-3": (
        "Thái Bình hỗ trợ bà con vùng bão số 3",
        "Các đối tác nước ngoài gửi nhu yếu phẩm tới vùng bị thiệt hại.",
        "Liên hiệp tỉnh tiếp nhận và phân bổ hàng cứu trợ kịp thời.",
    ),
    "giao-duc-phap": (
        "Hải Dương tổ chức hội thảo hợp tác giáo dục với Pháp",
        "Các trường phổ thông tìm hiểu chương trình song ngữ tiếng Pháp.",
        "Hội Hữu nghị Việt – Pháp tỉnh là đơn vị chủ trì.",
    ),
    "vai-thieu": (
        "Bắc Giang: vải thiều sang Nhật Bản nhờ kết nối hữu nghị",
        "Hội Hữu nghị Việt – Nhật giới thiệu nhà nhập khẩu.",
        "Vải thiều Lục Ngạn đạt tiêu chuẩn của thị trường khó tính.",
    ),
    "chuyen-gia-quan-su": (
        "Cựu chuyên gia quân sự giúp Lào trở lại chiến trường xưa",
        "Đoàn cựu chiến binh thăm lại tỉnh Hủa Phăn sau 40 năm.",
        "Chuyến đi ôn lại kỷ niệm về tình đoàn kết đặc biệt Việt Nam – Lào.",
    ),
    "an-sinh": (
        "Huy động nguồn lực nước ngoài cho an sinh xã hội và bảo vệ môi trường",
        "Các dự án trồng rừng ngập mặn và nhà tình thương được triển khai.",
        "Liên hiệp tham mưu cho tỉnh trong vận động viện trợ.",
    ),
    "nga-viet": (
        "Đoàn Hội Hữu nghị Nga – Việt dự hội thảo tại Đà Nẵng",
        "Hội thảo bàn về hợp tác văn hóa và giáo dục.",
        "Các nhà khoa học Nga trình bày nghiên cứu về Việt Nam.",
    ),
    "nha-tinh-nghia": (
        "Thanh Hóa: Hội Hữu nghị Việt – Lào trao nhà tình nghĩa",
        "Ngôi nhà được trao cho gia đình cựu quân tình nguyện.",
        "Kinh phí xây dựng do hội viên đóng góp.",
    ),
    "doan-van-duc": (
        "Ông Đoàn Văn Đức nhận Kỷ niệm chương Vì hòa bình, hữu nghị giữa các dân tộc",
        "Kỷ niệm chương ghi nhận nhiều năm đóng góp cho công tác hội.",
        "Ông nguyên là cán bộ Liên hiệp tỉnh.",
    ),
}

# (query as a reader types it, keys acceptable as the first result, keys that must be in the top 5)
QUERIES = [
    ("nghe an", {"giao-uoc", "xieng-khoang"}, {"giao-uoc", "xieng-khoang"}),
    ("Nghệ An", {"giao-uoc", "xieng-khoang"}, {"giao-uoc", "xieng-khoang"}),
    ("NGHE AN", {"giao-uoc", "xieng-khoang"}, {"giao-uoc", "xieng-khoang"}),
    ("lien hiep huu nghi", {"giao-uoc", "ha-noi-bch"}, {"giao-uoc", "ha-noi-bch"}),
    ("liên hiệp các tổ chức hữu nghị", {"giao-uoc", "ha-noi-bch"}, {"giao-uoc", "ha-noi-bch"}),
    ("đối ngoại", {"tong-ket", "trang-dien-tu", "da-phuong"}, {"tong-ket", "trang-dien-tu", "da-phuong"}),
    ("doi ngoai", {"tong-ket", "trang-dien-tu", "da-phuong"}, {"tong-ket", "trang-dien-tu", "da-phuong"}),
    ("doi ngoai nhan dan", {"tong-ket"}, {"tong-ket"}),
    ("dien bien", {"dien-bien"}, {"dien-bien", "giao-uoc"}),
    ("Điện Biên Phủ", {"dien-bien"}, {"dien-bien"}),
    ("DIEN BIEN PHU", {"dien-bien"}, {"dien-bien"}),
    ("doan van duc", {"doan-van-duc"}, {"doan-van-duc"}),
    ("Đoàn Văn Đức", {"doan-van-duc"}, {"doan-van-duc"}),
    ("hoc bong sinh vien lao", {"hoc-bong"}, {"hoc-bong"}),
    ("học bổng", {"hoc-bong"}, {"hoc-bong"}),
    ("viet nga", {"thang-muoi", "nga-viet"}, {"thang-muoi", "nga-viet"}),
    ("cách mạng tháng mười", {"thang-muoi"}, {"thang-muoi"}),
    ("vien tro phi chinh phu", {"mua-lu"}, {"mua-lu"}),
    ("mưa lũ", {"mua-lu"}, {"mua-lu"}),
    ("thanh nien nhat ban", {"thanh-nien-nhat"}, {"thanh-nien-nhat"}),
    ("nuoc sach", {"nuoc-sach"}, {"nuoc-sach", "mua-lu"}),
    ("nam dan", {"nam-dan"}, {"nam-dan"}),
    ("quân tình nguyện", {"nam-dan", "nha-tinh-nghia"}, {"nam-dan", "nha-tinh-nghia"}),
    ("dai su cuba", {"cuba"}, {"cuba"}),
    ("trang thong tin dien tu", {"trang-dien-tu"}, {"trang-dien-tu"}),
    ("doanh nghiệp hàn quốc", {"doanh-nghiep-han"}, {"doanh-nghiep-han"}),
    ("bien gioi viet trung", {"bien-gioi"}, {"bien-gioi"}),
    ("quan ho", {"quan-ho"}, {"quan-ho"}),
    ("ha noi", {"ha-noi-bch"}, {"ha-noi-bch"}),
    ("chuyen doi so", {"chuyen-doi-so"}, {"chuyen-doi-so"}),
    ("nguoi viet nam o nuoc ngoai", {"kieu-bao"}, {"kieu-bao"}),
    ("đối ngoại đa phương", {"da-phuong"}, {"da-phuong"}),
    ("thuong binh liet si", {"thuong-binh"}, {"thuong-binh"}),
    ("udon thani", {"udon-thani"}, {"udon-thani"}),
    ("trang an", {"trang-an"}, {"trang-an"}),
    ("den tran", {"den-tran"}, {"den-tran"}),
    ("hua phan", {"hua-phan", "chuyen-gia-quan-su"}, {"hua-phan", "chuyen-gia-quan-su"}),
    ("bão số 3", {"bao-so-3"}, {"bao-so-3"}),
    ("giao duc phap", {"giao-duc-phap"}, {"giao-duc-phap"}),
    ("vai thieu", {"vai-thieu"}, {"vai-thieu"}),
    ("chuyên gia quân sự", {"chuyen-gia-quan-su"}, {"chuyen-gia-quan-su"}),
    ("an sinh xa hoi", {"an-sinh"}, {"an-sinh"}),
    ("bao ve moi truong", {"an-sinh"}, {"an-sinh"}),
    ("nha tinh nghia", {"nha-tinh-nghia"}, {"nha-tinh-nghia"}),
    ("cụm số 1", {"giao-uoc"}, {"giao-uoc"}),
    ("giao uoc thi dua", {"giao-uoc"}, {"giao-uoc"}),
    # An NFD (decomposed) query, as some keyboards and copy-paste produce it.
    (unicodedata.normalize("NFD", "Điện Biên"), {"dien-bien"}, {"dien-bien"}),
    (unicodedata.normalize("NFD", "Nghệ An"), {"giao-uoc", "xieng-khoang"}, {"giao-uoc", "xieng-khoang"}),
]
