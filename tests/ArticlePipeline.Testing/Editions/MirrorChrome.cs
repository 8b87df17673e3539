namespace ArticlePipeline.Testing.Editions;

/// <summary>
/// The boilerplate of the aggregator's localized pages in one language, after the mirror pages we have seen: the
/// platform's header line, the source paper and date line, the source line, a comment counter, two empty widgets
/// ("No data", left untranslated by the site), "same topic" and "same category" headline lists, and category links.
/// </summary>
/// <param name="Menu">Category links in the header and the footer.</param>
/// <param name="SourceLabel">The label of the line naming the original (<c>Джерело</c>, <c>Sursă</c>, <c>ที่มา</c>).</param>
/// <param name="Comments">The comment counter.</param>
/// <param name="SameTopic">The "same topic" heading and headlines.</param>
/// <param name="SameCategory">The "same category" heading and headlines.</param>
/// <param name="SameAuthor">The "same author" heading.</param>
internal sealed record MirrorChrome(
    IReadOnlyList<string> Menu,
    string SourceLabel,
    string Comments,
    IReadOnlyList<string> SameTopic,
    IReadOnlyList<string> SameCategory,
    string SameAuthor)
{
    /// <summary>The platform's name, printed the same in every language.</summary>
    public const string Platform = "Vietnam.vn - Nền tảng quảng bá Việt Nam";

    /// <summary>The motto under it.</summary>
    public const string Motto = "Độc lập - Tự do - Hạnh phúc";

    /// <summary>The chrome of each language the mirror serves.</summary>
    public static IReadOnlyDictionary<string, MirrorChrome> ByLanguage { get; } = new Dictionary<string, MirrorChrome>(StringComparer.Ordinal)
    {
        ["uk"] = new(
            ["Спадщина", "Фігура", "Бізнес", "Поточні події", "Політична система", "Місцевий", "Продукт"],
            "Джерело",
            "Коментар (0)",
            [
                "Та сама тема",
                "Кантхо: 100% шкіл підключено до оптоволоконного інтернету",
                "Донгтхап запускає цифрову платформу для 12 000 фермерів",
            ],
            [
                "Та сама категорія",
                "Тисячі туристів відвідали плавучий ринок Кайранг під час літніх канікул",
                "Ханой висадить 1 мільйон дерев до 2026 року",
                "Рибалки Кьєнзянгу повертаються з рекордним уловом анчоусів",
                "Фестиваль ліхтарів у Хойані приваблює іноземних гостей",
            ],
            "Той самий автор"),
        ["ro"] = new(
            ["Patrimoniu", "Figura", "Afaceri", "Actualitate", "Sistemul politic", "Local", "Produs"],
            "Sursă",
            "Comentariu (0)",
            [
                "Același subiect",
                "Can Tho: 100% dintre școli sunt conectate la internet prin fibră optică",
                "Dong Thap lansează o platformă digitală pentru 12.000 de fermieri",
            ],
            [
                "Aceeași categorie",
                "Mii de turiști au vizitat piața plutitoare Cai Rang în vacanța de vară",
                "Hanoi va planta 1 milion de copaci până în 2026",
                "Pescarii din Kien Giang se întorc cu o captură record de hamsii",
                "Festivalul lampioanelor din Hoi An atrage vizitatori străini",
            ],
            "Același autor"),
        ["th"] = new(
            ["มรดก", "รูป", "ธุรกิจ", "ข่าว", "ระบบการเมือง", "ท้องถิ่น", "ผลิตภัณฑ์"],
            "ที่มา",
            "การแสดงความคิดเห็น (0)",
            [
                "หัวข้อเดียวกัน",
                "เกิ่นเทอ: โรงเรียน 100% เชื่อมต่ออินเทอร์เน็ตใยแก้วนำแสง",
                "ด่งท้าปเปิดตัวแพลตฟอร์มดิจิทัลสำหรับเกษตรกร 12,000 ราย",
            ],
            [
                "หมวดหมู่เดียวกัน",
                "นักท่องเที่ยวหลายพันคนเยี่ยมชมตลาดน้ำก๋ายรางในช่วงปิดภาคฤดูร้อน",
                "ฮานอยจะปลูกต้นไม้ 1 ล้านต้นภายในปี 2026",
                "ชาวประมงเกียนซางกลับเข้าฝั่งพร้อมปลากะตักจำนวนมากเป็นประวัติการณ์",
                "เทศกาลโคมไฟฮอยอันดึงดูดนักท่องเที่ยวต่างชาติ",
            ],
            "ผู้เขียนเดียวกัน"),
    };
}
