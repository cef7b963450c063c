using System.Threading.Channels;

namespace Desk.Api.Realtime;

/// <summary>
/// Checks a hub's connections against their sessions every interval, and at once when told that sessions changed (on
/// this node, or on another one through Redis): <see cref="HubSessions"/> for the staff, Portal.PortalHubSessions for
/// the portal. A failed check is logged and the next one tries again.
/// </summary>
internal abstract partial class SessionWatch(TimeProvider clock, TimeSpan checkEvery, ILogger logger) : BackgroundService
{
    readonly Channel<bool> signalled = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Sessions changed: check now rather than at the next interval.</summary>
    protected void Signal() => signalled.Writer.TryWrite(true);

    protected abstract Task CheckAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        Task<bool>? signal = null;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                signal ??= signalled.Reader.WaitToReadAsync(stopping).AsTask();
                if (await Task.WhenAny(signal, Task.Delay(checkEvery, clock, stopping)) == signal)
                {
                    await signal;
                    signal = null;
                    signalled.Reader.TryRead(out _);
                }
                await CheckAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogCheckFailed(e, GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check the hub connections' sessions ({Watch})")]
    partial void LogCheckFailed(Exception exception, string watch);
}
