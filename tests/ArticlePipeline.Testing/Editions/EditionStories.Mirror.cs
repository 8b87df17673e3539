namespace ArticlePipeline.Testing.Editions;

/// <summary>The mirror's translations: machine-made in the style of the aggregator's pages.</summary>
public static partial class EditionStories
{
    /// <summary>
    /// The mirror's Ukrainian page: all seven paragraphs, numbers in Ukrainian style (184 620, 1250 мільярдів донгів),
    /// the byline transliterated (<c>Чунг Тін</c>).
    /// </summary>
    public static EditionStory Ukrainian { get; } = new(
        "uk",
        "Хаузянг: 92,5% адміністративних справ вирішуються онлайн",
        "Після 4 місяців реалізації плану цифрової трансформації в адміністративній реформі частка документів, отриманих та вирішених онлайн у провінції, досягла 92,5%. У період 2025-2030 років провінція планує інвестувати 1250 мільярдів донгів у цифрову інфраструктуру.",
        [
            "20 червня 2025 року Народний комітет провінції Хаузянг провів конференцію з підбиття підсумків 4 місяців виконання Плану № 47/KH-UBND щодо цифрової трансформації у вирішенні адміністративних процедур, виданого 18 лютого 2025 року. Згідно зі звітом, з початку року провінція отримала 184 620 документів, з яких 170 774 були подані та вирішені онлайн, що становить 92,5% і на 31,4 відсоткового пункту більше, ніж за аналогічний період 2024 року.",
            "До кінця травня 2025 року в провінції 512 300 осіб активували облікові записи електронної ідентифікації рівня 2 у застосунку VNeID, що становить 78,6% населення віком від 14 років. У 73 комунах, районах та містечках людям, які оформлюють процедури, достатньо лише показати QR-код у VNeID замість копій документів, що посвідчують особу.",
            "Канал Zalo OA «Хаузянг онлайн», яким керує Департамент науки і технологій, наразі має 236 000 підписників. За 4 місяці канал отримав 4815 відгуків та пропозицій від людей і підприємств; 96% з них отримали відповідь протягом 48 годин.",
            "Середній час розгляду однієї справи скоротився з 6,2 дня до 2,8 дня.",
            "Окрім досягнутих результатів, конференція також вказала на обмеження: 14 віддалених комун досі не мають стабільного мобільного покриття 4G, 27% державних службовців відділів «єдиного вікна» на рівні комун не пройшли навчання цифровим навичкам, а деяке спеціалізоване програмне забезпечення ще не підключене до Національного порталу державних послуг.",
            "У період 2025-2030 років провінція планує інвестувати 1250 мільярдів донгів у цифрову інфраструктуру, з яких 380 мільярдів донгів піде на будівництво провінційного центру обробки даних, а 215 мільярдів донгів – на покриття мережами 4G та 5G сіл, які досі залишаються в «мертвих зонах». Мета полягає в тому, щоб до 31 грудня 2025 року 100% відповідних процедур надавалися як повноцінні онлайн-послуги.",
            "Виступаючи на конференції, заступник голови Народного комітету провінції Чан Ван Хуєн закликав департаменти, галузі та місцеві органи влади розглядати цифрову трансформацію як ключове завдання руху змагань на честь 80-ї річниці Серпневої революції та Національного дня 2 вересня (A80), а також завершити оцифрування нерозглянутих результатів адміністративних процедур до 15 серпня 2025 року.",
        ],
        "Чунг Тін",
        new DateTimeOffset(2025, 6, 23, 11, 5, 0, Vietnam),
        "Середній час розгляду однієї справи скоротився з 6,2 дня до 2,8 дня.");

    /// <summary>
    /// The mirror's Romanian page: six paragraphs (the original's third and fourth are one), numbers kept in
    /// Vietnamese style (184.620, 1.250 de miliarde de VND), the byline without diacritics (<c>Trung Tin</c>).
    /// </summary>
    public static EditionStory Romanian { get; } = new(
        "ro",
        "Hau Giang: 92,5% din dosarele de proceduri administrative sunt soluționate online",
        "După 4 luni de implementare a planului de transformare digitală în reforma administrativă, rata dosarelor primite și soluționate online în provincie a ajuns la 92,5%. În perioada 2025-2030, provincia intenționează să investească 1.250 de miliarde de VND în infrastructura digitală.",
        [
            "Pe 20 iunie 2025, Comitetul Popular al provinciei Hau Giang a organizat o conferință pentru a trece în revistă cele 4 luni de implementare a Planului nr. 47/KH-UBND privind transformarea digitală în soluționarea procedurilor administrative, emis pe 18 februarie 2025. Potrivit raportului, de la începutul anului, provincia a primit 184.620 de dosare, dintre care 170.774 au fost depuse și soluționate online, ceea ce reprezintă 92,5%, cu 31,4 puncte procentuale mai mult decât în aceeași perioadă a anului 2024.",
            "Până la sfârșitul lunii mai 2025, în provincie, 512.300 de persoane și-au activat conturile de identificare electronică de nivel 2 în aplicația VNeID, reprezentând 78,6% din populația cu vârsta de peste 14 ani. În 73 de comune, cartiere și orașe, oamenii care efectuează proceduri trebuie doar să prezinte codul QR din VNeID în locul copiilor actelor de identitate.",
            "Canalul Zalo OA „Hau Giang Online”, administrat de Departamentul de Știință și Tehnologie, are în prezent 236.000 de urmăritori. În 4 luni, canalul a primit 4.815 sesizări și petiții de la cetățeni și întreprinderi, iar 96% dintre acestea au primit răspuns în 48 de ore. Timpul mediu de soluționare a unui dosar a scăzut de la 6,2 zile la 2,8 zile.",
            "Pe lângă rezultatele obținute, conferința a subliniat și limitările: 14 comune izolate nu au încă acoperire mobilă 4G stabilă, 27% dintre funcționarii ghișeelor unice de la nivel de comună nu au fost instruiți în competențe digitale, iar unele programe software de specialitate nu sunt încă conectate la Portalul Național de Servicii Publice.",
            "În perioada 2025-2030, provincia intenționează să investească 1.250 de miliarde de VND în infrastructura digitală, dintre care 380 de miliarde de VND pentru construirea centrului de date provincial și 215 miliarde de VND pentru acoperirea cu rețele 4G și 5G a satelor aflate încă în „zone moarte”. Obiectivul este ca până la 31 decembrie 2025, 100% dintre procedurile eligibile să fie furnizate ca servicii publice online complete.",
            "În discursul său, vicepreședintele Comitetului Popular Provincial, Tran Van Huyen, a solicitat departamentelor, sectoarelor și localităților să considere transformarea digitală o sarcină cheie a mișcării de emulație în cinstea celei de-a 80-a aniversări a Revoluției din August și a Zilei Naționale de 2 septembrie (A80) și să finalizeze digitalizarea rezultatelor restante ale procedurilor administrative înainte de 15 august 2025.",
        ],
        "Trung Tin",
        new DateTimeOffset(2025, 6, 23, 11, 5, 0, Vietnam),
        "Timpul mediu de soluționare a unui dosar a scăzut de la 6,2 zile la 2,8 zile.");

    /// <summary>
    /// The mirror's Thai page: eight paragraphs (the original's first is two), decimals with a point and thousands
    /// with a comma (92.5%, 184,620, 1,250 พันล้านดอง), and the byline Trung Tín rendered as the word ซื่อสัตย์
    /// ("honest"), as the aggregator's machine translation does.
    /// </summary>
    public static EditionStory Thai { get; } = new(
        "th",
        "ห่าวซาง: เอกสารขั้นตอนทางปกครอง 92.5% ได้รับการดำเนินการทางออนไลน์",
        "หลังจากดำเนินการตามแผนการเปลี่ยนผ่านสู่ดิจิทัลในการปฏิรูปการบริหารเป็นเวลา 4 เดือน อัตราการรับและดำเนินการเอกสารทางออนไลน์ในจังหวัดสูงถึง 92.5% ในช่วงปี 2025-2030 จังหวัดมีแผนที่จะลงทุน 1,250 พันล้านดองในโครงสร้างพื้นฐานดิจิทัล",
        [
            "เมื่อวันที่ 20 มิถุนายน 2025 คณะกรรมการประชาชนจังหวัดห่าวซางได้จัดการประชุมสรุปผลการดำเนินงาน 4 เดือนตามแผนเลขที่ 47/KH-UBND ว่าด้วยการเปลี่ยนผ่านสู่ดิจิทัลในการดำเนินการขั้นตอนทางปกครอง ซึ่งออกเมื่อวันที่ 18 กุมภาพันธ์ 2025",
            "ตามรายงาน นับตั้งแต่ต้นปีจนถึงปัจจุบัน จังหวัดได้รับเอกสารทั้งหมด 184,620 ฉบับ ในจำนวนนี้ 170,774 ฉบับได้รับการยื่นและดำเนินการทางออนไลน์ คิดเป็น 92.5% เพิ่มขึ้น 31.4 จุดเปอร์เซ็นต์เมื่อเทียบกับช่วงเดียวกันของปี 2024",
            "ภายในสิ้นเดือนพฤษภาคม 2025 จังหวัดมีประชาชน 512,300 คนที่เปิดใช้งานบัญชีระบุตัวตนทางอิเล็กทรอนิกส์ระดับ 2 บนแอปพลิเคชัน VNeID คิดเป็น 78.6% ของประชากรอายุ 14 ปีขึ้นไป ใน 73 ตำบล แขวง และเทศบาล ประชาชนที่มาติดต่อราชการเพียงแสดงรหัส QR บน VNeID แทนสำเนาเอกสารแสดงตน",
            "ช่องทาง Zalo OA \"ห่าวซางออนไลน์\" ซึ่งดำเนินการโดยกรมวิทยาศาสตร์และเทคโนโลยี ปัจจุบันมีผู้ติดตาม 236,000 คน ในช่วง 4 เดือน ช่องทางนี้ได้รับข้อร้องเรียนและข้อเสนอแนะจากประชาชนและภาคธุรกิจ 4,815 เรื่อง โดย 96% ได้รับการตอบกลับภายใน 48 ชั่วโมง",
            "ระยะเวลาเฉลี่ยในการดำเนินการเอกสารหนึ่งฉบับลดลงจาก 6.2 วันเหลือ 2.8 วัน",
            "นอกจากผลลัพธ์ที่ได้รับแล้ว ที่ประชุมยังได้ชี้ให้เห็นถึงข้อจำกัดต่างๆ ได้แก่ ตำบลห่างไกล 14 แห่งยังไม่มีสัญญาณโทรศัพท์เคลื่อนที่ 4G ที่เสถียร เจ้าหน้าที่ศูนย์บริการแบบเบ็ดเสร็จระดับตำบล 27% ยังไม่ได้รับการฝึกอบรมทักษะดิจิทัล และซอฟต์แวร์เฉพาะทางบางส่วนยังไม่ได้เชื่อมต่อกับพอร์ทัลบริการสาธารณะแห่งชาติ",
            "ในช่วงปี 2025-2030 จังหวัดมีแผนที่จะลงทุน 1,250 พันล้านดองในโครงสร้างพื้นฐานดิจิทัล ซึ่งรวมถึง 380 พันล้านดองสำหรับการก่อสร้างศูนย์ข้อมูลจังหวัด และ 215 พันล้านดองสำหรับการขยายสัญญาณ 4G และ 5G ไปยังหมู่บ้านที่ยังเป็น \"จุดอับสัญญาณ\" เป้าหมายคือภายในวันที่ 31 ธันวาคม 2025 ขั้นตอนที่มีคุณสมบัติครบถ้วน 100% จะให้บริการเป็นบริการสาธารณะออนไลน์แบบเต็มรูปแบบ",
            "ในการกล่าวสุนทรพจน์ นายตรัน วัน เหวียน รองประธานคณะกรรมการประชาชนจังหวัด ได้ขอให้หน่วยงาน ภาคส่วน และท้องถิ่นต่างๆ ถือว่าการเปลี่ยนผ่านสู่ดิจิทัลเป็นภารกิจสำคัญของขบวนการเลียนแบบเพื่อเฉลิมฉลองครบรอบ 80 ปีการปฏิวัติเดือนสิงหาคมและวันชาติ 2 กันยายน (A80) และให้แปลงผลการดำเนินการขั้นตอนทางปกครองที่ค้างอยู่เป็นดิจิทัลให้แล้วเสร็จก่อนวันที่ 15 สิงหาคม 2025",
        ],
        "ซื่อสัตย์",
        new DateTimeOffset(2025, 6, 23, 11, 5, 0, Vietnam),
        "ระยะเวลาเฉลี่ยในการดำเนินการเอกสารหนึ่งฉบับลดลงจาก 6.2 วันเหลือ 2.8 วัน");

    /// <summary>The mirror's pages by language: <c>uk</c>, <c>ro</c>, <c>th</c>.</summary>
    public static IReadOnlyDictionary<string, EditionStory> Mirrored { get; } = new Dictionary<string, EditionStory>(StringComparer.Ordinal)
    {
        ["uk"] = Ukrainian,
        ["ro"] = Romanian,
        ["th"] = Thai,
    };
}
