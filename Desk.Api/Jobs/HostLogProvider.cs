using Hangfire.AspNetCore;
using Hangfire.Logging;

namespace Desk.Api.Jobs;

/// <summary>
/// Hangfire's logs into this host's logging. Hangfire keeps one log provider for the whole process; when several
/// desks share a process (the tests) and one stops, its logger factory is gone while the provider may still be
/// Hangfire's: what would throw on a disposed factory logs nothing instead.
/// </summary>
internal sealed class HostLogProvider(ILoggerFactory factory) : ILogProvider
{
    readonly AspNetCoreLogProvider inner = new(factory);

    public ILog GetLogger(string name)
    {
        try
        {
            return new Guarded(inner.GetLogger(name));
        }
        catch (ObjectDisposedException)
        {
            return new Guarded(null);
        }
    }

    sealed class Guarded(ILog? log) : ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                return log?.Log(logLevel, messageFunc, exception) ?? false;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
