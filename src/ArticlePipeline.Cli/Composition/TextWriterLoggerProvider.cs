using ArticlePipeline.Core.Text;
using Microsoft.Extensions.Logging;

namespace ArticlePipeline.Cli.Composition;

/// <summary>Writes log lines to the command's error stream (stdout carries only results).</summary>
internal sealed class TextWriterLoggerProvider(TextWriter writer, TimeProvider time) : ILoggerProvider
{
    private const int MaxMessageLength = 4000;

    private readonly Lock _lock = new();
    private readonly TimeProvider _time = time;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(TextWriterLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            string level = logLevel switch
            {
                LogLevel.Warning => "warn",
                LogLevel.Error or LogLevel.Critical => "error",
                _ => "info",
            };
            string name = category[(category.LastIndexOf('.') + 1)..];
            lock (owner._lock)
            {
                // Messages quote URLs and server text: one clean line each, whatever a site sent.
                owner.WriteLine($"{owner._time.GetUtcNow():yyyy-MM-ddTHH:mm:ss.fffZ} {level}: {name}: {UntrustedText.Clean(formatter(state, exception), MaxMessageLength)}");
            }
        }
    }

    private void WriteLine(string line) => writer.WriteLine(line);
}
