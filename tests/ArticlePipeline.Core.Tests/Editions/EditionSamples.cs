using System.Collections.Immutable;
using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Core.Tests.Editions;

/// <summary>
/// A Vietnamese article written for these tests, its translations shaped like the publishers' and mirrors' editions
/// (Russian, Ukrainian, Romanian, Thai), and pages that are not its translation: another story, a section page.
/// </summary>
internal static class EditionSamples
{
    public static readonly DateTimeOffset Published = new(2025, 2, 18, 9, 30, 0, TimeSpan.FromHours(7));

    public static readonly LanguageContent Vietnamese = Content(
        "Thái Nguyên: Hơn 1.250.000 người dân đã kích hoạt tài khoản VNeID mức độ 2",
        "Tính đến ngày 18/2/2025, Công an tỉnh Thái Nguyên đã thu nhận 1.412.300 hồ sơ định danh điện tử, trong đó 1.250.000 tài khoản VNeID mức độ 2 đã được kích hoạt, đạt 87,4% dân số trưởng thành.",
        "Theo Đại tá Nguyễn Thanh Phúc, Phó Giám đốc Công an tỉnh, trong tháng 1/2025 lực lượng công an đã tổ chức 326 đợt cấp căn cước lưu động tại 178 xã, phường, thị trấn, phục vụ hơn 46.800 lượt người dân, trong đó có 9.150 người cao tuổi và người khuyết tật.",
        "Tỉnh đã tích hợp 53 thủ tục hành chính trên ứng dụng VNeID, giúp người dân nộp hồ sơ mà không phải đến trụ sở cơ quan nhà nước. Chi phí xã hội tiết kiệm được ước tính khoảng 37 tỷ đồng mỗi năm, tương đương 1,45 triệu USD.",
        "Để hỗ trợ người dân, Công an tỉnh mở kênh Zalo OA \"Công an Thái Nguyên\" với hơn 215.000 người theo dõi. Mỗi ngày kênh tiếp nhận trung bình 640 câu hỏi, 92% trong số đó được trả lời trong vòng 24 giờ.",
        "Tại huyện Phú Bình, tỷ lệ kích hoạt đạt 91,2%, cao nhất toàn tỉnh; huyện Võ Nhai thấp nhất với 74,6% do địa hình đồi núi và nhiều thôn bản vẫn chưa có sóng di động 4G.",
        "Trong giai đoạn từ ngày 1/3 đến 30/6/2025, tỉnh đặt mục tiêu kích hoạt thêm 120.000 tài khoản, chủ yếu cho học sinh từ 14 tuổi trở lên và người lao động tại các khu công nghiệp Yên Bình và Sông Công.",
        "Đại tá Nguyễn Thanh Phúc khuyến cáo người dân không cung cấp mã OTP cho bất kỳ ai, kể cả người tự xưng là cán bộ công an, và chỉ tải ứng dụng VNeID từ App Store hoặc Google Play.");

    public static readonly string[] RussianParagraphs =
    [
        "По словам полковника Нгуен Тхань Фука, заместителя начальника полиции провинции, в январе 2025 года полиция провела 326 выездных сессий по выдаче удостоверений личности в 178 общинах, кварталах и посёлках, обслужив более 46 800 жителей, в том числе 9150 пожилых людей и людей с инвалидностью.",
        "Провинция интегрировала 53 административные процедуры в приложение VNeID, благодаря чему жители подают документы, не посещая государственные учреждения. Экономия для общества оценивается примерно в 37 млрд донгов в год, что эквивалентно 1,45 млн USD.",
        "Чтобы помочь жителям, полиция провинции открыла канал Zalo OA «Полиция Тхайнгуена», на который подписаны более 215 000 человек. Ежедневно канал получает в среднем 640 вопросов, и на 92% из них отвечают в течение 24 часов.",
        "В уезде Фубинь уровень активации достиг 91,2% — это самый высокий показатель в провинции; самый низкий — в уезде Вонямай, 74,6%, из-за горного рельефа и отсутствия мобильной связи 4G во многих деревнях.",
        "В период с 1 марта по 30 июня 2025 года провинция планирует активировать ещё 120 000 учётных записей, в основном для школьников с 14 лет и работников промышленных парков Йенбинь и Шонгконг.",
        "Полковник Нгуен Тхань Фук призвал жителей никому не сообщать код OTP, даже тем, кто называет себя сотрудником полиции, и загружать приложение VNeID только из App Store или Google Play.",
    ];

    public static readonly LanguageContent Russian = Content(
        "Тхайнгуен: более 1 250 000 жителей активировали учётные записи VNeID второго уровня",
        "По состоянию на 18 февраля 2025 года полиция провинции Тхайнгуен приняла 1 412 300 заявлений на электронную идентификацию, из которых 1 250 000 учётных записей VNeID второго уровня уже активированы, что составляет 87,4% взрослого населения.",
        RussianParagraphs);

    public static readonly LanguageContent Ukrainian = Content(
        "Тхайнгуен: понад 1\u00A0250\u00A0000 мешканців активували облікові записи VNeID другого рівня",
        "Станом на 18.02.2025 поліція провінції Тхайнгуен прийняла 1\u00A0412\u00A0300 заяв на електронну ідентифікацію, з яких 1\u00A0250\u00A0000 облікових записів VNeID другого рівня вже активовано, що становить 87,4% дорослого населення.",
        "За словами полковника Нгуєн Тхань Фука, заступника начальника поліції провінції, у січні 2025 року поліція провела 326 виїзних сесій з видачі посвідчень особи у 178 громадах, кварталах і селищах, обслуговувавши понад 46\u00A0800 мешканців, зокрема 9\u00A0150 літніх людей та людей з інвалідністю.",
        "Провінція інтегрувала 53 адміністративні процедури в застосунок VNeID, тож мешканці подають документи, не відвідуючи державних установ. Економію для суспільства оцінюють приблизно в 37 млрд донгів на рік, що дорівнює 1,45 млн USD.",
        "Щоб допомогти мешканцям, поліція провінції відкрила канал Zalo OA «Поліція Тхайнгуєна», на який підписано понад 215\u00A0000 осіб. Щодня канал отримує в середньому 640 запитань, і на 92% з них відповідають протягом 24 годин.",
        "У повіті Фубінь рівень активації сягнув 91,2% — це найвищий показник у провінції; найнижчий — у повіті Вонямай, 74,6%, через гірський рельєф і відсутність мобільного зв'язку 4G у багатьох селах.",
        "У період з 1 березня до 30 червня 2025 року провінція планує активувати ще 120\u00A0000 облікових записів, переважно для школярів від 14 років і працівників промислових парків Єнбінь і Шонгконг.",
        "Полковник Нгуєн Тхань Фук закликав мешканців нікому не повідомляти код OTP, навіть тим, хто називає себе працівником поліції, і завантажувати застосунок VNeID лише з App Store або Google Play.",
        "Джерело: https://baothainguyen.example.vn/xa-hoi/hon-1250000-nguoi-kich-hoat-vneid-a334455.html");

    public static readonly LanguageContent Romanian = Content(
        "Thai Nguyen: peste 1.250.000 de locuitori și-au activat conturile VNeID de nivel 2",
        "Până la 18 februarie 2025, Poliția provinciei Thai Nguyen a primit 1.412.300 de dosare de identificare electronică, dintre care 1.250.000 de conturi VNeID de nivel 2 au fost activate, adică 87,4% din populația adultă.",
        "Potrivit colonelului Nguyen Thanh Phuc, director adjunct al Poliției provinciale, în ianuarie 2025 poliția a organizat 326 de sesiuni mobile de eliberare a cărților de identitate în 178 de comune, cartiere și orașe, servind peste 46.800 de locuitori, printre care 9.150 de vârstnici și persoane cu dizabilități.",
        "Provincia a integrat 53 de proceduri administrative în aplicația VNeID, astfel încât locuitorii depun dosarele fără să meargă la sediile instituțiilor de stat. Economiile pentru societate sunt estimate la aproximativ 37 de miliarde de dongi pe an, echivalentul a 1,45 milioane USD.",
        "Pentru a-i ajuta pe locuitori, Poliția provinciei a deschis canalul Zalo OA „Poliția Thai Nguyen”, urmărit de peste 215.000 de persoane. În fiecare zi canalul primește în medie 640 de întrebări, iar 92% dintre ele primesc răspuns în 24 de ore.",
        "În districtul Phu Binh, rata de activare a ajuns la 91,2%, cea mai mare din provincie; districtul Vo Nhai are cea mai mică rată, 74,6%, din cauza reliefului muntos și a lipsei semnalului mobil 4G în multe sate.",
        "În perioada 1 martie – 30 iunie 2025, provincia își propune să activeze încă 120.000 de conturi, mai ales pentru elevii de la 14 ani în sus și pentru lucrătorii din parcurile industriale Yen Binh și Song Cong.",
        "Colonelul Nguyen Thanh Phuc le recomandă locuitorilor să nu dea nimănui codul OTP, nici măcar celor care se prezintă drept polițiști, și să descarce aplicația VNeID doar din App Store sau Google Play.",
        "Sursă: https://baothainguyen.example.vn/xa-hoi/hon-1250000-nguoi-kich-hoat-vneid-a334455.html");

    public static readonly LanguageContent Thai = Content(
        "ไทเงวียน: ประชาชนกว่า 1,250,000 คนเปิดใช้งานบัญชี VNeID ระดับ 2 แล้ว",
        "ณ วันที่ 18 กุมภาพันธ์ 2025 ตำรวจจังหวัดไทเงวียนได้รับเอกสารยืนยันตัวตนอิเล็กทรอนิกส์ 1,412,300 ชุด โดยบัญชี VNeID ระดับ 2 จำนวน 1,250,000 บัญชีได้รับการเปิดใช้งานแล้ว คิดเป็น 87.4% ของประชากรผู้ใหญ่",
        "พันเอกเงวียน ทาน ฟุก รองผู้บัญชาการตำรวจจังหวัด กล่าวว่า ในเดือนมกราคม 2025 ตำรวจได้จัดหน่วยเคลื่อนที่ออกบัตรประจำตัวประชาชน 326 ครั้ง ใน 178 ตำบลและแขวง ให้บริการประชาชนกว่า 46,800 คน รวมถึงผู้สูงอายุและผู้พิการ 9,150 คน",
        "จังหวัดได้รวมขั้นตอนทางการปกครอง 53 ขั้นตอนไว้ในแอปพลิเคชัน VNeID ทำให้ประชาชนยื่นเอกสารได้โดยไม่ต้องเดินทางไปยังหน่วยงานรัฐ คาดว่าจะช่วยประหยัดค่าใช้จ่ายของสังคมได้ราว 37 พันล้านดองต่อปี หรือเทียบเท่า 1.45 ล้าน USD",
        "เพื่อช่วยเหลือประชาชน ตำรวจจังหวัดได้เปิดช่อง Zalo OA \"ตำรวจไทเงวียน\" ซึ่งมีผู้ติดตามกว่า 215,000 คน ในแต่ละวันช่องนี้ได้รับคำถามเฉลี่ย 640 ข้อ และ 92% ได้รับคำตอบภายใน 24 ชั่วโมง",
        "ที่อำเภอฟูบิ่ญ อัตราการเปิดใช้งานสูงถึง 91.2% สูงที่สุดในจังหวัด ส่วนอำเภอหวอญายต่ำที่สุดที่ 74.6% เนื่องจากภูมิประเทศเป็นภูเขาและหลายหมู่บ้านยังไม่มีสัญญาณมือถือ 4G",
        "ในช่วงวันที่ 1 มีนาคม ถึง 30 มิถุนายน 2025 จังหวัดตั้งเป้าเปิดใช้งานบัญชีเพิ่มอีก 120,000 บัญชี ส่วนใหญ่สำหรับนักเรียนอายุ 14 ปีขึ้นไปและแรงงานในนิคมอุตสาหกรรมเยนบิ่ญและซงกง",
        "พันเอกเงวียน ทาน ฟุก แนะนำให้ประชาชนไม่ให้รหัส OTP แก่ผู้ใด แม้แต่ผู้ที่อ้างว่าเป็นเจ้าหน้าที่ตำรวจ และให้ดาวน์โหลดแอป VNeID จาก App Store หรือ Google Play เท่านั้น",
        "ที่มา: https://baothainguyen.example.vn/xa-hoi/hon-1250000-nguoi-kich-hoat-vneid-a334455.html");

    /// <summary>A summary edition: title, lead and every other paragraph.</summary>
    public static readonly LanguageContent RussianSummary = Content(
        Russian.Title, Russian.Lead, RussianParagraphs[0], RussianParagraphs[2], RussianParagraphs[4]);

    /// <summary>Another story of the same days, in Russian, about as long as the article, with its own numbers.</summary>
    public static readonly LanguageContent RussianOtherStory = Content(
        "Анзянг: фермеры собрали 3,9 млн тонн риса зимне-весеннего урожая",
        "По данным департамента сельского хозяйства провинции Анзянг на 18 февраля 2025 года, фермеры убрали 218 600 гектаров риса, средняя урожайность составила 7,3 тонны с гектара.",
        "Заместитель директора департамента рассказал, что в этом сезоне провинция сократила расход семян на 35% благодаря программе «Один обязательный, пять сокращений», в которой участвуют 11 700 хозяйств.",
        "Закупочная цена риса сорта ОМ 5451 держится на уровне 6800 донгов за килограмм, на 400 донгов ниже, чем в прошлом сезоне, а ароматный рис стоит до 8300 донгов за килограмм.",
        "Кооператив в уезде Тхоайшон заключил контракты на поставку 45 000 тонн риса для экспорта на Филиппины и в Индонезию; ещё 16 кооперативов ведут переговоры с покупателями.",
        "Из-за засоления в марте провинция рекомендует засеять летне-осенний урожай не позднее 10 апреля и держать 63 насосные станции в готовности к работе.",
        "Департамент планирует к 2030 году довести площадь высококачественного риса с низкими выбросами до 180 000 гектаров в рамках национальной программы на 1 миллион гектаров.",
        "Фермеры могут получить консультацию по горячей линии департамента, которая в прошлом месяце ответила на 2 740 обращений.");

    /// <summary>Another VNeID story from another province, in Russian: the same app, channel and code names, its own numbers.</summary>
    public static readonly LanguageContent RussianSameTopicStory = Content(
        "Куангнинь: 640 000 жителей пользуются VNeID для записи к врачу",
        "С 18 февраля 2025 года больницы провинции Куангнинь принимают записи через приложение VNeID; за первую неделю поступило 12 870 заявок.",
        "По данным департамента здравоохранения, приложение подключено к 27 больницам и 186 медицинским пунктам коммун, а среднее время ожидания в очереди сократилось с 95 до 38 минут.",
        "Больше всего заявок подали жители города Халонг — 5 430, на втором месте город Камфа — 2 615; в горных уездах пользователей пока меньше из-за слабого интернета.",
        "Чтобы объяснить новую услугу, департамент открыл канал Zalo OA, где за месяц ответили на 3 900 вопросов; ещё 1 120 человек позвонили на горячую линию.",
        "Департамент предупреждает, что сотрудники больниц никогда не просят код OTP по телефону, и советует скачивать VNeID только из App Store или Google Play.",
        "До конца 2025 года провинция планирует подключить к системе ещё 41 больницу и 350 аптек, выделив на это 58 млрд донгов из местного бюджета.");

    /// <summary>Another story in Romanian (a Latin-script decoy), about as long as the article.</summary>
    public static readonly LanguageContent RomanianOtherStory = Content(
        "An Giang: fermierii au recoltat 3,9 milioane de tone de orez în sezonul iarnă-primăvară",
        "Potrivit Departamentului de Agricultură al provinciei An Giang, până la 18 februarie 2025 fermierii au recoltat 218.600 de hectare de orez, cu un randament mediu de 7,3 tone la hectar.",
        "Directorul adjunct al Departamentului a declarat că în acest sezon provincia a redus consumul de semințe cu 35% datorită programului „Un obligatoriu, cinci reduceri”, la care participă 11.700 de gospodării.",
        "Prețul de achiziție al orezului din soiul OM 5451 se menține la 6.800 de dongi pe kilogram, cu 400 de dongi mai puțin decât sezonul trecut, iar orezul aromat ajunge la 8.300 de dongi.",
        "O cooperativă din districtul Thoai Son a semnat contracte pentru 45.000 de tone de orez destinate exportului în Filipine și Indonezia; alte 16 cooperative negociază cu cumpărătorii.",
        "Din cauza salinizării din martie, provincia recomandă semănatul recoltei de vară-toamnă până cel târziu pe 10 aprilie și menținerea a 63 de stații de pompare pregătite.",
        "Departamentul își propune ca până în 2030 suprafața de orez de înaltă calitate cu emisii reduse să ajungă la 180.000 de hectare, în cadrul programului național de 1 milion de hectare.");

    /// <summary>A section page of the Russian edition: a list of short headlines.</summary>
    public static readonly LanguageContent RussianSectionPage = Content(
        "Общество",
        null,
        "Ханой откроет 12 новых станций метро до конца 2026 года",
        "В Дананге стартует фестиваль фейерверков",
        "Цены на бензин снижены на 320 донгов за литр",
        "Хошимин: более 3000 студентов получат стипендии",
        "Погода: на севере ожидаются заморозки",
        "Футбол: сборная Вьетнама обыграла Таиланд 3:2");

    /// <summary>The Russian edition with paragraphs 2 and 3 (indices 1 and 2) merged into one.</summary>
    public static readonly LanguageContent RussianMerged = Content(
        Russian.Title,
        Russian.Lead,
        RussianParagraphs[0],
        RussianParagraphs[1] + " " + RussianParagraphs[2],
        RussianParagraphs[3],
        RussianParagraphs[4],
        RussianParagraphs[5]);

    /// <summary>The Russian edition without paragraph 4 (index 3).</summary>
    public static readonly LanguageContent RussianMissingParagraph = Content(
        Russian.Title,
        Russian.Lead,
        RussianParagraphs[0],
        RussianParagraphs[1],
        RussianParagraphs[2],
        RussianParagraphs[4],
        RussianParagraphs[5]);

    public static LanguageContent Content(string title, string? lead, params string[] paragraphs) =>
        new(title, lead, [.. paragraphs.Select(p => new ContentBlock(BlockKind.Paragraph, p))]);
}
