using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Desk.Classifier.Model;

/// <summary>
/// The model file: magic, format version, a JSON header (metadata), the arrays, and a SHA-256 of all before it.
/// Layout in Desk.Classifier/README.md.
/// </summary>
internal static class ModelFile
{
    public const int FormatVersion = 1;
    static readonly byte[] Magic = "DESKCLF\n"u8.ToArray();
    const int MaxHeaderBytes = 1 << 20;

    public static void Save(TextClassifierModel model, string path) => AtomicFile.Write(path, stream => Write(model, stream));

    public static TextClassifierModel Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"No model file at '{path}'.", path);
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    public static void Write(TextClassifierModel model, Stream stream)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("Model files are little-endian.");
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Put(ReadOnlySpan<byte> bytes) { hash.AppendData(bytes); stream.Write(bytes); }
        void PutInt(int value) { Span<byte> b = stackalloc byte[4]; BitConverter.TryWriteBytes(b, value); Put(b); }

        var header = JsonSerializer.SerializeToUtf8Bytes(ModelHeader.From(model.Metadata), ModelHeader.Json);
        Put(Magic);
        PutInt(FormatVersion);
        PutInt(header.Length);
        Put(header);
        PutInt(model.Buckets.Length);
        Put(MemoryMarshal.AsBytes(model.Buckets.AsSpan()));
        Put(MemoryMarshal.AsBytes(model.Idf.AsSpan()));
        Put(MemoryMarshal.AsBytes(model.Weights.AsSpan()));
        Put(MemoryMarshal.AsBytes(model.Bias.AsSpan()));
        stream.Write(hash.GetHashAndReset());
    }

    public static TextClassifierModel Read(Stream stream, string source)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Take(Span<byte> into)
        {
            try { stream.ReadExactly(into); }
            catch (EndOfStreamException e) { throw new ModelFormatException($"Model file '{source}' is truncated.", e); }
            hash.AppendData(into);
        }
        int TakeInt() { Span<byte> b = stackalloc byte[4]; Take(b); return BitConverter.ToInt32(b); }

        Span<byte> magic = stackalloc byte[Magic.Length];
        Take(magic);
        if (!magic.SequenceEqual(Magic)) throw new ModelFormatException($"'{source}' is not a Desk.Classifier model file.");
        var version = TakeInt();
        if (version != FormatVersion)
            throw new ModelFormatException(
                $"Model file '{source}' has format version {version}; this build reads format version {FormatVersion} only. " +
                "Retrain the model with this build (`train`), or load it with the build that wrote it.");
        var headerLength = TakeInt();
        if (headerLength is <= 0 or > MaxHeaderBytes) throw new ModelFormatException($"Model file '{source}' has a damaged header.");
        var headerBytes = new byte[headerLength];
        Take(headerBytes);
        var metadata = ParseHeader(headerBytes, source);

        var rows = TakeInt();
        var classes = metadata.Labels.Count;
        if (rows < 0 || (long)rows * classes > int.MaxValue / 4) throw new ModelFormatException($"Model file '{source}' has a damaged row count.");
        var buckets = new int[rows];
        var idf = new float[rows];
        var weights = new float[rows * classes];
        var bias = new float[classes];
        Take(MemoryMarshal.AsBytes(buckets.AsSpan()));
        Take(MemoryMarshal.AsBytes(idf.AsSpan()));
        Take(MemoryMarshal.AsBytes(weights.AsSpan()));
        Take(MemoryMarshal.AsBytes(bias.AsSpan()));

        var expected = hash.GetHashAndReset();
        Span<byte> stored = stackalloc byte[expected.Length];
        try { stream.ReadExactly(stored); }
        catch (EndOfStreamException e) { throw new ModelFormatException($"Model file '{source}' is truncated.", e); }
        if (!stored.SequenceEqual(expected)) throw new ModelFormatException($"Model file '{source}' is damaged (checksum mismatch).");
        for (var row = 0; row < rows; row++)
            if (buckets[row] < 0 || buckets[row] >= metadata.Featurizer.Buckets || (row > 0 && buckets[row] <= buckets[row - 1]))
                throw new ModelFormatException($"Model file '{source}' has a damaged bucket list (row {row}).");
        return new TextClassifierModel(metadata, buckets, idf, weights, bias);
    }

    static ModelMetadata ParseHeader(byte[] bytes, string source)
    {
        try
        {
            var header = JsonSerializer.Deserialize<ModelHeader>(bytes, ModelHeader.Json)
                         ?? throw new ModelFormatException($"Model file '{source}' has an empty header.");
            return header.ToMetadata();
        }
        catch (Exception e) when (e is JsonException or ArgumentException or FormatException)
        {
            throw new ModelFormatException($"Model file '{source}' has an unreadable header: {e.Message}", e);
        }
    }

    internal static string Sha256Hex(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
