namespace ArticlePipeline.Testing.Editions;

/// <summary>
/// The texts of <see cref="EditionSites"/>, written for the tests after provincial Vietnamese news and the publishers'
/// and mirrors' translations of it. The original has seven paragraphs full of numbers (dates, amounts, percentages,
/// counts) and a few Latin-script names (VNeID, Zalo OA, 47/KH-UBND, A80); each edition renders them its own way.
/// </summary>
public static partial class EditionStories
{
    // A property, not a field: the partials' static initializers run in no promised order.
    private static TimeSpan Vietnam => TimeSpan.FromHours(7);

    /// <summary>
    /// The original (vi): seven paragraphs, the fourth a single short sentence. Numbers as Vietnamese writes them:
    /// 184.620, 92,5%, 1.250 tỷ đồng, 20/6/2025.
    /// </summary>
    public static EditionStory Original { get; } = new(
        "vi",
        "Hậu Giang: 92,5% hồ sơ thủ tục hành chính được giải quyết trực tuyến",
        "Sau 4 tháng thực hiện kế hoạch chuyển đổi số trong cải cách hành chính, tỷ lệ hồ sơ được tiếp nhận và giải quyết trực tuyến trên địa bàn tỉnh đạt 92,5%. Giai đoạn 2025 - 2030, tỉnh dự kiến đầu tư 1.250 tỷ đồng cho hạ tầng số.",
        [
            "Ngày 20/6/2025, UBND tỉnh Hậu Giang tổ chức hội nghị sơ kết 4 tháng thực hiện Kế hoạch số 47/KH-UBND về chuyển đổi số trong giải quyết thủ tục hành chính, ban hành ngày 18/2/2025. Theo báo cáo, từ đầu năm đến nay toàn tỉnh tiếp nhận 184.620 hồ sơ, trong đó 170.774 hồ sơ được nộp và giải quyết trực tuyến, đạt tỷ lệ 92,5%, tăng 31,4 điểm phần trăm so với cùng kỳ năm 2024.",
            "Đến hết tháng 5/2025, tỉnh có 512.300 người kích hoạt tài khoản định danh điện tử mức độ 2 trên ứng dụng VNeID, chiếm 78,6% dân số từ 14 tuổi trở lên. Tại 73 xã, phường, thị trấn, người dân đi làm thủ tục chỉ cần xuất trình mã QR trên VNeID thay cho bản sao giấy tờ tùy thân.",
            "Kênh Zalo OA “Hậu Giang trực tuyến” do Sở Khoa học và Công nghệ vận hành hiện có 236.000 người quan tâm. Trong 4 tháng, kênh đã tiếp nhận 4.815 phản ánh, kiến nghị của người dân và doanh nghiệp; 96% trong số đó được trả lời trong vòng 48 giờ.",
            "Thời gian giải quyết trung bình một hồ sơ giảm từ 6,2 ngày xuống còn 2,8 ngày.",
            "Bên cạnh kết quả đạt được, hội nghị cũng chỉ ra những hạn chế: 14 xã vùng sâu chưa có sóng di động 4G ổn định, 27% công chức bộ phận một cửa cấp xã chưa được tập huấn kỹ năng số, một số phần mềm chuyên ngành chưa kết nối với Cổng Dịch vụ công quốc gia.",
            "Giai đoạn 2025 - 2030, tỉnh dự kiến đầu tư 1.250 tỷ đồng cho hạ tầng số, trong đó 380 tỷ đồng xây dựng trung tâm dữ liệu tỉnh và 215 tỷ đồng phủ sóng 4G, 5G đến các ấp còn “vùng lõm”. Mục tiêu đến ngày 31/12/2025, 100% thủ tục đủ điều kiện được cung cấp dịch vụ công trực tuyến toàn trình.",
            "Phát biểu chỉ đạo hội nghị, Phó Chủ tịch UBND tỉnh Trần Văn Huyến đề nghị các sở, ngành, địa phương xem chuyển đổi số là nhiệm vụ trọng tâm của đợt thi đua chào mừng kỷ niệm 80 năm Cách mạng Tháng Tám và Quốc khánh 2/9 (A80), hoàn thành số hóa kết quả giải quyết thủ tục hành chính còn tồn đọng trước ngày 15/8/2025.",
        ],
        "Trung Tín",
        new DateTimeOffset(2025, 6, 23, 7, 30, 0, Vietnam),
        "Thời gian giải quyết trung bình một hồ sơ giảm từ 6,2 ngày xuống còn 2,8 ngày.");

    /// <summary>
    /// The publisher's own Russian edition of <see cref="Original"/>: five paragraphs, not seven (the first two are
    /// one, the short fourth is left out), the same figures in Russian style (184 620, 1250 млрд донгов, 20 июня 2025
    /// года), the byline transliterated, published the same afternoon.
    /// </summary>
    public static EditionStory Russian { get; } = new(
        "ru",
        "Хаузянг: 92,5% административных дел рассматриваются онлайн",
        "За четыре месяца выполнения плана цифровой трансформации административной реформы доля заявлений, принятых и рассмотренных онлайн, в провинции достигла 92,5%. В 2025–2030 годах провинция планирует вложить в цифровую инфраструктуру 1250 млрд донгов.",
        [
            "20 июня 2025 года Народный комитет провинции Хаузянг провёл конференцию по итогам четырёх месяцев выполнения Плана № 47/KH-UBND о цифровой трансформации в сфере административных процедур, утверждённого 18 февраля 2025 года. С начала года в провинции принято 184 620 заявлений, из них 170 774 поданы и рассмотрены онлайн, то есть 92,5%, что на 31,4 процентного пункта больше, чем за тот же период 2024 года. К концу мая 2025 года 512 300 жителей активировали учётную запись электронной идентификации второго уровня в приложении VNeID — это 78,6% населения в возрасте от 14 лет. В 73 общинах, кварталах и посёлках для оформления документов достаточно предъявить QR-код в VNeID вместо копий удостоверения личности.",
            "Официальный аккаунт Zalo OA «Хаузянг онлайн», которым управляет Департамент науки и технологий, насчитывает 236 000 подписчиков. За четыре месяца через него поступило 4815 обращений граждан и предприятий, на 96% из них ответ был дан в течение 48 часов.",
            "Вместе с тем участники конференции указали на недостатки: в 14 отдалённых общинах нет стабильной мобильной связи 4G, 27% служащих «единого окна» на уровне общин не прошли обучение цифровым навыкам, часть отраслевых программ до сих пор не подключена к Национальному порталу государственных услуг.",
            "В 2025–2030 годах провинция намерена направить на цифровую инфраструктуру 1250 млрд донгов, в том числе 380 млрд — на строительство провинциального центра обработки данных и 215 млрд — на покрытие сетями 4G и 5G деревень, которые до сих пор остаются в «мёртвых зонах». К 31 декабря 2025 года все процедуры, отвечающие условиям, должны предоставляться полностью в режиме онлайн.",
            "Выступая на конференции, заместитель председателя Народного комитета провинции Чан Ван Хуен призвал департаменты, ведомства и местные власти сделать цифровую трансформацию главной задачей соревнования в честь 80-летия Августовской революции и Дня независимости 2 сентября (A80) и до 15 августа 2025 года завершить оцифровку накопившихся результатов административных процедур.",
        ],
        "Чунг Тин",
        new DateTimeOffset(2025, 6, 23, 16, 45, 0, Vietnam),
        "Официальный аккаунт Zalo OA «Хаузянг онлайн», которым управляет Департамент науки и технологий, насчитывает 236 000 подписчиков.");

    /// <summary>A second Vietnamese original, a different story (a bridge), whose Russian alternate is <see cref="Decoy"/>.</summary>
    public static EditionStory DecoyOriginal { get; } = new(
        "vi",
        "Khởi công cầu Cái Côn 2, tổng vốn 486 tỷ đồng",
        "Sáng 21/6/2025, tại huyện Phụng Hiệp, Sở Xây dựng tỉnh Hậu Giang tổ chức lễ khởi công cầu Cái Côn 2 dài 1.140 m, nối quốc lộ 61 với đường tỉnh 927.",
        [
            "Cầu Cái Côn 2 có tổng mức đầu tư 486 tỷ đồng từ ngân sách trung ương và ngân sách tỉnh, được thiết kế 4 làn xe, tải trọng HL93, vận tốc thiết kế 60 km/h. Công trình do liên danh nhà thầu Cửu Long - CIENCO 8 thi công, thời gian thực hiện 540 ngày.",
            "Theo Sở Xây dựng, dự án thu hồi 6,8 ha đất của 213 hộ dân tại thị trấn Cây Dương và xã Hòa An. Đến nay đã có 198 hộ, tương đương 93%, nhận tiền bồi thường với tổng số 57,3 tỷ đồng; 15 hộ còn lại đang được vận động, đối thoại.",
            "Khi đưa vào sử dụng, cầu mới sẽ thay thế cây cầu sắt xây dựng từ năm 1978 vốn chỉ cho xe dưới 10 tấn lưu thông, rút ngắn khoảng 25 phút đi lại từ trung tâm huyện đến thành phố Vị Thanh. Lưu lượng dự báo đến năm 2030 khoảng 11.500 lượt xe mỗi ngày đêm.",
            "Phát biểu tại lễ khởi công, Giám đốc Sở Xây dựng Lê Hoàng Phúc yêu cầu nhà thầu tập trung nhân lực, máy móc, thi công ba ca trong mùa khô, bảo đảm an toàn giao thông thủy trên kênh Cái Côn, nơi mỗi ngày có hơn 300 lượt ghe, xuồng qua lại.",
            "Cùng ngày, huyện Phụng Hiệp trao 40 căn nhà đại đoàn kết, mỗi căn trị giá 60 triệu đồng, cho các hộ nghèo có đất bị thu hồi để làm dự án.",
        ],
        "Hoàng Nam",
        new DateTimeOffset(2025, 6, 22, 9, 15, 0, Vietnam),
        "Lưu lượng dự báo đến năm 2030 khoảng 11.500 lượt xe mỗi ngày đêm.");

    /// <summary>
    /// The wrong Russian page <see cref="DecoyOriginal"/> links as its edition: another story of the same site (a
    /// pineapple festival), eight months earlier, with numbers of its own, of about the same length.
    /// </summary>
    public static EditionStory Decoy { get; } = new(
        "ru",
        "В Хаузянге прошёл третий фестиваль ананасов Кауданг",
        "Вечером 12 октября 2024 года в городе Нгабай открылся третий фестиваль ананасов Кауданг, собравший около 35 тысяч гостей и 160 выставочных стендов.",
        [
            "Фестиваль проходил с 12 по 16 октября на площади перед городским Народным комитетом. Свою продукцию представили 58 кооперативов и 21 предприятие из 9 провинций дельты Меконга; общая сумма заключённых контрактов превысила 74 млрд донгов.",
            "Площадь ананасовых плантаций в провинции составляет 3860 гектаров, средняя урожайность — 28 тонн с гектара. Около 1240 гектаров выращиваются по стандарту VietGAP, а в сентябре первая партия свежих ананасов весом 18 тонн отправлена в Республику Корея.",
            "Гости фестиваля смогли поболеть за участников конкурса блюд из ананаса, в котором состязались 27 команд, и соревнования по скоростной очистке плодов. Главный приз в 15 млн донгов получила команда общины Хьепхынг.",
            "По словам заместителя председателя городского Народного комитета Фам Тхи Ланг, фестиваль продвигает бренд «Ананас Кауданг», получивший свидетельство о географическом указании в 2020 году, и привлекает туристов: за пять дней город принял на 42% больше гостей, чем годом ранее.",
            "Следующий фестиваль планируется провести осенью 2026 года.",
        ],
        "Тхань Хыонг",
        new DateTimeOffset(2024, 10, 15, 10, 0, 0, Vietnam),
        "Главный приз в 15 млн донгов получила команда общины Хьепхынг.");
}
