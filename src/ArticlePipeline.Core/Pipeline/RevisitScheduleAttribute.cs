using System.ComponentModel.DataAnnotations;

namespace ArticlePipeline.Core.Pipeline;

/// <summary>Validates a <see cref="CrawlOptions.RevisitSchedule"/> at start-up (<see cref="CrawlFrontier.TryParseSchedule"/>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RevisitScheduleAttribute : ValidationAttribute
{
    /// <inheritdoc />
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        return CrawlFrontier.TryParseSchedule(value as string, out _, out string? error)
            ? ValidationResult.Success
            : new ValidationResult($"{validationContext.MemberName}: {error}", validationContext.MemberName is { } name ? [name] : null);
    }
}
