using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ArticlePipeline.Core.Composition;

/// <summary>Binds one configuration section to its options class and checks it when the host starts.</summary>
public static class SectionOptions
{
    /// <summary>
    /// Binds <paramref name="section"/> to <typeparamref name="T"/>, checks its data annotations with messages that
    /// name the key (<c>Crawl:MaxParallelSources: The field ... must be between 1 and 64.</c>), and validates on start,
    /// so a bad value stops a command before any work instead of failing in the middle of a pass.
    /// </summary>
    /// <typeparam name="T">The options class.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="section">The section name, e.g. <c>Network</c>.</param>
    /// <returns>The options builder, for rules of the stage's own (<c>IValidateOptions&lt;T&gt;</c>).</returns>
    public static OptionsBuilder<T> AddSection<T>(this IServiceCollection services, string section)
        where T : class
    {
        OptionsBuilder<T> builder = services.AddOptions<T>().BindConfiguration(section);
        services.AddSingleton<IValidateOptions<T>>(new AnnotationsValidator<T>(section));
        return builder.ValidateOnStart();
    }

    /// <summary>The data-annotation problems of <paramref name="options"/>, one line each, prefixed with the section.</summary>
    /// <param name="options">The options.</param>
    /// <param name="section">The section name.</param>
    /// <returns>The problems.</returns>
    public static IEnumerable<string> AnnotationProblems(object options, string section)
    {
        ArgumentNullException.ThrowIfNull(options);
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Select(r => $"{section}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}");
    }

    private sealed class AnnotationsValidator<T>(string section) : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            List<string> problems = [.. AnnotationProblems(options, section)];
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
