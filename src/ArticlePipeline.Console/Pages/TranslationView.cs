using ArticlePipeline.State.Operations;

namespace ArticlePipeline.OperatorConsole.Pages;

/// <summary>The translation page's data (also its JSON).</summary>
/// <param name="Now">When it was read.</param>
/// <param name="Usage">Characters billed and saved today and this month (UTC).</param>
/// <param name="MonthlyBudget">The configured monthly budget; 0 for none.</param>
/// <param name="BudgetLeft">Characters left this month, when there is a budget.</param>
/// <param name="BudgetUsed">The share of the budget billed this month, when there is a budget.</param>
/// <param name="Pending">Records per pending reason and language.</param>
internal sealed record TranslationView(
    DateTimeOffset Now,
    TranslationUsage Usage,
    long MonthlyBudget,
    long? BudgetLeft,
    double? BudgetUsed,
    IReadOnlyList<PendingLanguageCount> Pending);
