using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace Desk.AgentConsole;

/// <summary>One built file of the browser app, ready to send.</summary>
internal sealed record ConsoleAsset(
    string Path, byte[] Content, byte[]? Brotli, string ContentType, EntityTagHeaderValue ETag, string CacheControl);

/// <summary>
/// The browser app that the build embedded in this assembly (Desk.Console.csproj), loaded once and kept in
/// memory: a few small files, so every request is a dictionary lookup with no disk in the way.
/// </summary>
internal sealed class ConsoleAssets
{
    internal const string ResourcePrefix = "DeskConsole/";
    const string Hashed = "public, max-age=31536000, immutable";
    const string Revalidate = "no-cache";

    // The build writes NAME.br beside each text file worth compressing (brotli.mjs): compressed once, not at each start.
    const string BrotliSuffix = ".br";

    readonly FrozenDictionary<string, ConsoleAsset> assets;

    public ConsoleAssets() : this(typeof(ConsoleAssets).Assembly) { }

    internal ConsoleAssets(System.Reflection.Assembly assembly)
    {
        var types = new FileExtensionContentTypeProvider();
        var found = new Dictionary<string, ConsoleAsset>(StringComparer.Ordinal);
        var names = assembly.GetManifestResourceNames().ToHashSet(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (!name.StartsWith(ResourcePrefix, StringComparison.Ordinal) || name.EndsWith(BrotliSuffix, StringComparison.Ordinal)) continue;
            var path = name[ResourcePrefix.Length..].Replace('\\', '/');
            var brotli = names.Contains(name + BrotliSuffix) ? Read(assembly, name + BrotliSuffix) : null;
            found[path] = Load(path, Read(assembly, name), brotli, types);
        }
        if (!found.TryGetValue("index.html", out var index))
        {
            throw new InvalidOperationException(
                "Desk.Console holds no built browser app (no embedded index.html). Build Desk.Console with Node.js " +
                "and npm on the PATH; see Desk.Console/README.md.");
        }
        Index = index;
        assets = found.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public ConsoleAsset Index { get; }

    public ConsoleAsset? Find(string path) => assets.GetValueOrDefault(path);

    static byte[] Read(System.Reflection.Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    static ConsoleAsset Load(string path, byte[] content, byte[]? brotli, FileExtensionContentTypeProvider types)
    {
        var contentType = types.TryGetContentType(path, out var known) ? known : "application/octet-stream";
        if (contentType.StartsWith("text/", StringComparison.Ordinal) && !contentType.Contains("charset"))
        {
            contentType += "; charset=utf-8";
        }
        var hash = Convert.ToBase64String(SHA256.HashData(content)[..12]).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        // vite names everything under assets/ after its content hash, so a changed file is a new URL.
        var cacheControl = path.StartsWith("assets/", StringComparison.Ordinal) ? Hashed : Revalidate;
        return new ConsoleAsset(path, content, brotli, contentType, new EntityTagHeaderValue($"\"{hash}\""), cacheControl);
    }
}
