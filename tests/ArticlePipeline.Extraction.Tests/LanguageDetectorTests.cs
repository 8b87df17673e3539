using ArticlePipeline.Core.Model;
using ArticlePipeline.Extraction.Normalization;

namespace ArticlePipeline.Extraction.Tests;

[TestFixture]
public sealed class LanguageDetectorTests
{
    [TestCase("Những ngày cuối tháng 6, nông dân huyện Tân Hậu đồng loạt thu hoạch lúa hè thu sớm để tránh lũ.", "vi")]
    [TestCase("Відділ пропаганди та масової мобілізації обласного партійного комітету продовжує тісну координацію з Вітчизняним фронтом.", "uk")]
    [TestCase("Сегодня днем, 18 февраля, заместитель секретаря провинциального комитета партии провел рабочее заседание.", "ru")]
    [TestCase("Conferința își propune să îmbunătățească calificările, abilitățile și metodele de lucru ale cadrelor locale.", "ro")]
    [TestCase("ในระยะหลังนี้ คณะกรรมการพรรคและหน่วยงานทุกระดับในมณฑลได้มุ่งเน้นการนำและกำกับดูแลการดำเนินงานระดมมวลชน", "th")]
    [TestCase("The provincial party committee held a conference on propaganda and mass mobilisation work on Monday.", "en")]
    public void Detect_RealisticSentence_IsItsLanguage(string text, string language)
    {
        Assert.That(LanguageDetector.Detect(text), Is.EqualTo(language));
    }

    // Issue 14: a few sentences of news in each identified language, as a page of that language would hold them.
    [TestCase(
        "Sáng 12/3, UBND tỉnh An Giang tổ chức hội nghị triển khai kế hoạch phòng, chống hạn mặn mùa khô năm nay. " +
        "Theo Sở Nông nghiệp, hơn 20.000 ha lúa đông xuân có nguy cơ bị ảnh hưởng nếu nước mặn xâm nhập sâu vào nội đồng.",
        "vi")]
    [TestCase(
        "У четвер у Києві відбулося засідання уряду, на якому міністри обговорили підготовку до опалювального сезону. " +
        "За словами прем'єр-міністра, запаси газу в сховищах уже перевищили торішній рівень.",
        "uk")]
    [TestCase(
        "В четверг в Москве прошло заседание правительства, на котором министры обсудили подготовку к отопительному сезону. " +
        "По словам премьер-министра, запасы газа в хранилищах уже превысили прошлогодний уровень.",
        "ru")]
    [TestCase(
        "Guvernul a aprobat joi un proiect de lege care prevede creșterea salariului minim de la 1 ianuarie. " +
        "Potrivit ministrului Muncii, măsura va fi aplicată în toate sectoarele economiei și este finanțată din bugetul de stat.",
        "ro")]
    [TestCase(
        "กรมอุตุนิยมวิทยาประกาศเตือนประชาชนในภาคเหนือและภาคตะวันออกเฉียงเหนือให้ระวังอันตรายจากพายุฤดูร้อน " +
        "ซึ่งจะมีฝนฟ้าคะนองและลมกระโชกแรงในช่วงสองวันข้างหน้า",
        "th")]
    [TestCase(
        "The central bank raised its main interest rate by a quarter of a percentage point on Thursday, the third increase this year. " +
        "Officials said the decision was meant to slow inflation, which has stayed above the target for most of the past two years.",
        "en")]
    [TestCase(
        "Le gouvernement a présenté mercredi un projet de loi qui prévoit une hausse du salaire minimum dès le mois de janvier. " +
        "Selon le ministre du Travail, la mesure concerne près de deux millions de salariés et sera financée par l'État.",
        "fr")]
    [TestCase(
        "Die Bundesregierung hat am Mittwoch einen Gesetzentwurf vorgelegt, der eine Erhöhung des Mindestlohns vorsieht. " +
        "Nach Angaben des Arbeitsministers sind rund zwei Millionen Beschäftigte betroffen, die Kosten trägt nicht der Bund.",
        "de")]
    [TestCase(
        "国务院常务会议周三研究部署进一步稳定就业的政策措施。会议指出，今年以来就业形势总体稳定，但部分行业招工难与就业难并存。",
        "zh")]
    [TestCase(
        "ກອງປະຊຸມຄະນະລັດຖະບານໄດ້ຈັດຂຶ້ນໃນວັນພຸດ ເພື່ອປຶກສາຫາລືກ່ຽວກັບແຜນການພັດທະນາເສດຖະກິດ-ສັງຄົມ ແລະ ງົບປະມານແຫ່ງລັດ ປະຈຳປີ.",
        "lo")]
    [TestCase(
        "រាជរដ្ឋាភិបាលបានប្រកាសកាលពីថ្ងៃពុធថា ខ្លួននឹងបន្តគាំទ្រកសិករក្នុងការលក់ស្រូវ និងពង្រីកប្រព័ន្ធធារាសាស្ត្រនៅតាមខេត្ត។",
        "km")]
    public void Detect_NewsParagraph_IsItsLanguage_Issue14(string text, string language)
    {
        Assert.That(LanguageDetector.Detect(text), Is.EqualTo(language));
    }

    [TestCase("Hà Nội", Description = "a Vietnamese place name: too few letters")]
    [TestCase("Sports", Description = "a section name")]
    [TestCase("北京", Description = "two ideographs")]
    [TestCase("Nguyen Van An, Tran Thi Binh, Le Hoang Minh, Pham Quoc Tuan", Description = "Latin names with no word of any language")]
    [TestCase(
        "Переговоры продолжатся в среду. Negotiations will continue on Wednesday. Переговоры продолжатся. The talks will go on.",
        Description = "Cyrillic and Latin in equal parts")]
    [TestCase(
        "El gobierno aprobó el jueves un proyecto de ley que prevé un aumento del salario mínimo a partir de enero, según informó el ministro.",
        Description = "Spanish, which is none of the identified languages")]
    [TestCase(
        "政府は水曜日、最低賃金を来年一月から引き上げる法案を閣議決定した。対象はおよそ二百万人になる見通しだ。",
        Description = "Japanese: ideographs with kana")]
    public void Detect_ShortMixedOrUnknown_IsUndetermined_Issue14(string text)
    {
        Assert.That(LanguageDetector.Detect(text), Is.EqualTo(Languages.Undetermined));
    }

    [Test]
    public void Detect_VietnameseWithoutHookedLetters_IsStillVietnamese()
    {
        // Only tone marks from the Latin Extended Additional block, no ơ ư đ.
        Assert.That(LanguageDetector.Detect("Hội nghị tổ chức tại tỉnh An Giang vào sáng nay với nhiều đại biểu."), Is.EqualTo("vi"));
    }

    [TestCase("Областният управител откри новия път между двете села във вторник. Според кмета строителството ще продължи през цялата година, а жителите са доволни от резултата.", Description = "Bulgarian")]
    [TestCase("Председник општине је отворио нови мост преко реке у уторак. Радови су трајали две године, а мештани су задовољни изградњом.", Description = "Serbian")]
    [TestCase("Старшыня раённага выканаўчага камітэта адкрыў новую школу ў вёсцы. Дзеці і настаўнікі вельмі рады новым класам.", Description = "Belarusian")]
    [TestCase("Облыс әкімі жаңа мектептің ашылу салтанатына қатысты және оқушыларды құттықтады. Мектеп үш жүз баланы қабылдайды.", Description = "Kazakh")]
    public void Detect_OtherCyrillicLanguage_IsUndeterminedNotRussianOrUkrainian(string text)
    {
        Assert.That(LanguageDetector.Detect(text), Is.EqualTo("und"));
    }

    [Test]
    public void Detect_RussianWithoutDistinctiveLetters_IsRussianNotUkrainian()
    {
        Assert.That(LanguageDetector.Detect("Конференция прошла в провинции"), Is.EqualTo("ru"));
    }

    [TestCase("")]
    [TestCase("2025 - 06 / 23 ... 123")]
    public void Detect_NoLetters_IsNull(string text)
    {
        Assert.That(LanguageDetector.Detect(text), Is.Null);
    }
}
