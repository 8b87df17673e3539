using System.ComponentModel.DataAnnotations;
using ArticlePipeline.Core.Sources;

namespace ArticlePipeline.OperatorConsole;

/// <summary>What the console shows and where it reads from; the host fills it from its own configuration.</summary>
public sealed class OperatorConsoleOptions
{
    /// <summary>The configuration section of the settings an operator sets (<see cref="MonthlyCharacterBudget"/>, <see cref="PageSize"/>).</summary>
    public const string SectionName = "Console";

    /// <summary>The output folder holding <c>records/</c>.</summary>
    /// <value>Empty: must be set by the host.</value>
    [Required]
    public string OutputDirectory { get; set; } = "";

    /// <summary>The configured sources, in the order the sources page lists them.</summary>
    /// <value>None.</value>
    public IList<SourceDefinition> Sources { get; set; } = [];

    /// <summary>The cron of sources without their own (<c>Scheduler:DefaultSchedule</c>).</summary>
    /// <value><c>0 0/30 * * * ?</c>.</value>
    public string DefaultSchedule { get; set; } = "0 0/30 * * * ?";

    /// <summary>The time zone of the cron schedules (<c>Scheduler:TimeZone</c>), also the zone times are shown in.</summary>
    /// <value><c>Asia/Ho_Chi_Minh</c>.</value>
    public string TimeZone { get; set; } = "Asia/Ho_Chi_Minh";

    /// <summary>Characters the Translator may bill per calendar month (UTC), shown against what was billed; 0 for no budget.</summary>
    /// <value>0.</value>
    [Range(0, long.MaxValue)]
    public long MonthlyCharacterBudget { get; set; }

    /// <summary>Records per page of the records list.</summary>
    /// <value>50.</value>
    [Range(10, 500)]
    public int PageSize { get; set; } = 50;
}
