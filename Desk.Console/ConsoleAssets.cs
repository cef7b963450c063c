using System.Collections.Frozen;
using System.IO.Compression;
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

    static readonly FrozenSet<string> Compressible = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase, ".html", ".js", ".css", ".svg", ".json", ".map", ".txt");

    readonly FrozenDictionary<string, ConsoleAsset> assets;

    public ConsoleAssets() : this(typeof(ConsoleAssets).Assembly) { }

    internal ConsoleAssets(System.Reflection.Assembly assembly)
    {
        var types = new FileExtensionContentTypeProvider();
        var found = new Dictionary<string, ConsoleAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(ResourcePrefix, StringComparison.Ordinal)) continue;
            var path = name[ResourcePrefix.Length..].Replace('\\', '/');
            using var stream = assembly.GetManifestResourceStream(name)!;
            found[path] = Load(path, stream, types);
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

    static ConsoleAsset Load(string path, Stream stream, FileExtensionContentTypeProvider types)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var content = buffer.ToArray();
        var contentType = types.TryGetContentType(path, out var known) ? known : "application/octet-stream";
        if (contentType.StartsWith("text/", StringComparison.Ordinal) && !contentType.Contains("charset"))
        {
            contentType += "; charset=utf-8";
        }
        var hash = Convert.ToBase64String(SHA256.HashData(content)[..12]).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        // vite names everything under assets/ after its content hash, so a changed file is a new URL.
        var cacheControl = path.StartsWith("assets/", StringComparison.Ordinal) ? Hashed : Revalidate;
        return new ConsoleAsset(path, content, Compress(path, content), contentType,
            new EntityTagHeaderValue($"\"{hash}\""), cacheControl);
    }

    static byte[]? Compress(string path, byte[] content)
    {
        if (!Compressible.Contains(System.IO.Path.GetExtension(path)) || content.Length < 1024) return null;
        using var compressed = new MemoryStream();
        using (var brotli = new BrotliStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            brotli.Write(content);
        }
        return compressed.Length < content.Length ? compressed.ToArray() : null;
    }
}
