namespace ArticlePipeline.Scheduling;

/// <summary>Configuration section <c>Scheduler</c>: how <c>article-pipeline run</c> schedules and shares work.</summary>
public sealed class SchedulerOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Scheduler";

    /// <summary>
    /// Several worker processes share one PostgreSQL database: Quartz runs clustered (each source job fires on one
    /// node) and articles are shared through leased work items. Requires <c>State:Provider=postgres</c>.
    /// </summary>
    /// <value><see langword="false"/>: one process, Quartz and state in SQLite files under the output folder.</value>
    public bool Clustered { get; set; }

    /// <summary>This node's name in the cluster and in logs.</summary>
    /// <value>Empty: host name and process id.</value>
    public string? InstanceId { get; set; }

    /// <summary>Cron schedule of sources that set none (Quartz cron syntax, seconds first).</summary>
    /// <value>Every 30 minutes: <c>0 0/30 * * * ?</c>.</value>
    public string DefaultSchedule { get; set; } = "0 0/30 * * * ?";

    /// <summary>Time zone of the cron schedules.</summary>
    /// <value><c>Asia/Ho_Chi_Minh</c>, the newspapers' own.</value>
    public string TimeZone { get; set; } = "Asia/Ho_Chi_Minh";

    /// <summary>
    /// Source jobs that may run at once in this process. Clustered, where a source job only queues its discovery, at
    /// least as many as there are sources (up to 32), so sources due at one moment are fired together.
    /// </summary>
    /// <value>4.</value>
    public int MaxConcurrentSources { get; set; } = 4;

    /// <summary>
    /// Cluster mode: hosts (<c>host:port</c>) one worker process holds at once. Each held host's articles are fetched
    /// at that host's rate and concurrency by this worker alone; with more hosts than workers, a worker holds several.
    /// </summary>
    /// <value>8.</value>
    public int WorkerConcurrency { get; set; } = 8;

    /// <summary>
    /// Cluster mode: how long a host lease and a work item lease last; they are renewed while the host has work and
    /// the article is processed, and a dead worker's hosts are taken over this long (plus a poll) after its last renewal.
    /// </summary>
    /// <value>60 seconds.</value>
    public double LeaseSeconds { get; set; } = 60;

    /// <summary>
    /// Cluster mode: how long a request to a host other than the one its worker holds (a source's feed or sitemap on
    /// another host, a redirect to another host or port) waits while another worker holds that host; then the request
    /// fails as <c>host-busy</c> and is asked again on a later pass. The holder is told the host is wanted and gives it
    /// up after its item under way (an article; a discovery goes on to its end), whatever the holder's queue.
    /// </summary>
    /// <value>60 seconds.</value>
    public double ForeignHostWaitSeconds { get; set; } = 60;

    /// <summary>Cluster mode: pause between two looks at an empty work queue.</summary>
    /// <value>2 seconds.</value>
    public double PollSeconds { get; set; } = 2;

    /// <summary>On shutdown: how long in-flight articles may take to finish before their leases are released.</summary>
    /// <value>30 seconds.</value>
    public double GracePeriodSeconds { get; set; } = 30;

    /// <summary>Cluster mode: how often a Quartz node checks in; a node silent for longer is failed over.</summary>
    /// <value>7.5 seconds.</value>
    public double CheckinIntervalSeconds { get; set; } = 7.5;

    /// <summary>Where the worker writes its health (scheduler and store state) every <see cref="HealthIntervalSeconds"/>.</summary>
    /// <value>Empty: <c>{Output:Directory}/state/health-{instance}.json</c>.</value>
    public string? HealthFile { get; set; }

    /// <summary>Seconds between two health reports.</summary>
    /// <value>15.</value>
    public double HealthIntervalSeconds { get; set; } = 15;
}
