using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ArticlePipeline.Testing.Logging;

/// <summary>A logger factory that keeps every line, for tests that check what an operator would read in the log.</summary>
public sealed class CollectingLoggers : ILoggerFactory
{
    private readonly ConcurrentQueue<LogLine> _lines = new();

    /// <summary>Every line logged so far, in order.</summary>
    public IReadOnlyList<LogLine> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(CollectingLoggers owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._lines.Enqueue(new LogLine(category, logLevel, formatter(state, exception)));
    }
}

/// <summary>One logged line.</summary>
/// <param name="Category">The logger's category (usually the class).</param>
/// <param name="Level">The level.</param>
/// <param name="Message">The formatted message.</param>
public sealed record LogLine(string Category, LogLevel Level, string Message);
