using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Desk.Api.Realtime;

/// <summary>
/// Bounds what one hub connection may hold. When a console stops reading, SignalR does not drop its messages: a write
/// waits until the connection's buffer has room, and later writes to that connection wait behind it, until the console
/// reads again or SignalR closes the connection (no ping for HubOptions.ClientTimeoutInterval, 30 s by default).
/// The writes to the other consoles go on meanwhile; <see cref="PushDispatcher"/> stops waiting for the stuck ones.
/// </summary>
internal static class RealtimeBuffers
{
    public static IServiceCollection AddBoundedHubBuffers(this IServiceCollection services)
    {
        services.AddOptions<HubOptions>().Configure<IOptions<RealtimeOptions>>(
            (hub, realtime) => hub.MaximumReceiveMessageSize = realtime.Value.ReceiveBufferBytes);
        return services;
    }

    public static void Bound(HttpConnectionDispatcherOptions connection, IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<RealtimeOptions>>().Value;
        connection.TransportMaxBufferSize = options.SendBufferBytes;
        connection.ApplicationMaxBufferSize = options.ReceiveBufferBytes;
    }
}
