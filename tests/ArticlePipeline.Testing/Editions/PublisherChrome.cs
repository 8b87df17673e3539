using System.Globalization;

namespace ArticlePipeline.Testing.Editions;

/// <summary>The boilerplate of a provincial publisher's article page in one language: menu, share bar, related news, footer.</summary>
/// <param name="SiteName">The paper's name, in the logo and the title suffix.</param>
/// <param name="LanguageName">The language's own name in the header's language switch.</param>
/// <param name="Menu">The main menu.</param>
/// <param name="Section">The breadcrumb's section.</param>
/// <param name="DateLine">How the page prints its publication time under the headline.</param>
/// <param name="Views">The view counter.</param>
/// <param name="Share">The share bar's label and buttons.</param>
/// <param name="Tags">The keyword list's label and keywords.</param>
/// <param name="Comments">The comment counter and the prompt beside it.</param>
/// <param name="Related">The related-news heading and headlines.</param>
/// <param name="Footer">The footer's lines (owner, licence, address).</param>
internal sealed record PublisherChrome(
    string SiteName,
    string LanguageName,
    IReadOnlyList<string> Menu,
    string Section,
    Func<DateTimeOffset, string> DateLine,
    string Views,
    IReadOnlyList<string> Share,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Comments,
    IReadOnlyList<string> Related,
    IReadOnlyList<string> Footer)
{
    private static readonly string[] Weekdays = ["Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"];

    /// <summary>The Vietnamese pages.</summary>
    public static PublisherChrome Vietnamese { get; } = new(
        "Báo Sông Hậu",
        "Tiếng Việt",
        ["Trang chủ", "Thời sự", "Chính trị", "Kinh tế", "Xã hội", "Pháp luật", "Văn hóa - Văn nghệ", "Thể thao", "Video", "Emagazine"],
        "Thời sự",
        d => string.Create(CultureInfo.InvariantCulture, $"{Weekdays[(int)d.DayOfWeek]}, {d:dd/MM/yyyy HH:mm} (GMT+7)"),
        "1.284 lượt xem",
        ["Chia sẻ:", "Facebook", "Zalo", "Sao chép liên kết", "In bài"],
        ["Từ khóa:", "chuyển đổi số", "thủ tục hành chính", "Hậu Giang"],
        ["Bình luận (0)", "Gửi bình luận của bạn"],
        [
            "Tin liên quan",
            "Vị Thanh ra mắt mô hình “Chợ 4.0” thanh toán không dùng tiền mặt",
            "Hơn 3.200 hộ dân Long Mỹ được cấp chữ ký số miễn phí trong tháng 5",
            "Hậu Giang đứng thứ 12 cả nước về chỉ số cải cách hành chính năm 2024",
            "Ngã Bảy: 100% trường học kết nối Internet cáp quang",
        ],
        [
            "Cơ quan chủ quản: Tỉnh ủy Hậu Giang. Tổng Biên tập: Nguyễn Văn Thành.",
            "Giấy phép số 123/GP-BTTTT ngày 15/3/2022 của Bộ Thông tin và Truyền thông.",
            "Địa chỉ: Số 8 đường Trần Hưng Đạo, phường 5, thành phố Vị Thanh. Điện thoại: 0293 3876 543.",
            "© Báo Sông Hậu. Ghi rõ nguồn khi phát hành lại thông tin từ website này.",
        ]);

    /// <summary>The Russian edition's pages.</summary>
    public static PublisherChrome Russian { get; } = new(
        "Газета «Шонгхау»",
        "Русский",
        ["Главная", "Политика", "Экономика", "Общество", "Культура", "Туризм", "Фото", "Видео"],
        "Общество",
        d => d.ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture),
        "Просмотров: 217",
        ["Поделиться:", "ВКонтакте", "Telegram", "Facebook", "Скопировать ссылку"],
        ["Теги:", "цифровая трансформация", "госуслуги", "Хаузянг"],
        ["Комментарии (0)", "Оставить комментарий"],
        [
            "Читайте также",
            "В Витхане открылся первый рынок с безналичной оплатой",
            "Провинция Хаузянг вошла в двадцатку лидеров по индексу PAPI",
            "Делегация провинции Хаузянг посетила Новосибирскую область",
            "Рисовые поля дельты Меконга готовятся к летне-осеннему урожаю",
        ],
        [
            "Учредитель: провинциальный комитет партии Хаузянг.",
            "Электронная газета на русском языке. При перепечатке ссылка на источник обязательна.",
            "Адрес редакции: ул. Чан Хынг Дао, 8, г. Витхань. Тел.: +84 293 3876 543.",
        ]);
}
