using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Desk.Classifier.Model;

/// <summary>
/// The model file: the zip ML.NET's <c>MLContext.Model.Save</c> writes, with one more entry, <see cref="MetadataEntry"/>:
/// the desk's format version, metadata and a SHA-256 over ML.NET's entries. Layout in Desk.Classifier/README.md.
/// </summary>
internal static class ModelFile
{
    public const int FormatVersion = 2;
    public const string MetadataEntry = "desk-classifier.json";
    static readonly byte[] FormatOneMagic = "DESKCLF\n"u8.ToArray();
    const int MaxMetadataBytes = 1 << 20;

    public static TextClassifierModel Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"No model file at '{path}'.", path);
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    public static void Write(TextClassifierModel model, Stream stream)
    {
        using var buffer = new MemoryStream();
        model.Context.Model.Save(model.Transformer, TextClassifierModel.InputSchema(model.Context), buffer);
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            var header = ModelHeader.From(model.Metadata, FormatVersion, ContentHash(zip));
            using var entry = zip.CreateEntry(MetadataEntry, CompressionLevel.Optimal).Open();
            JsonSerializer.Serialize(entry, header, ModelHeader.Json);
        }
        buffer.Position = 0;
        buffer.CopyTo(stream);
    }

    public static TextClassifierModel Read(Stream stream, string source)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (bytes.StartsWith(FormatOneMagic))
        {
            var version = bytes.Length >= 12 ? BitConverter.ToInt32(bytes[8..12]) : 1;
            throw new ModelFormatException(
                $"Model '{source}' has format version {version} (Desk.Classifier's own weights file, before ML.NET); this build reads " +
                $"format version {FormatVersion} (ML.NET models) only. Retrain it with this build (`train`, or a retraining run in the desk).");
        }
        if (!bytes.StartsWith("PK"u8)) throw new ModelFormatException($"'{source}' is not a Desk.Classifier model file.");

        buffer.Position = 0;
        var metadata = ReadMetadata(buffer, source);
        buffer.Position = 0;
        var ml = ModelPipeline.Context(metadata.Training.Seed);
        Microsoft.ML.ITransformer transformer;
        try
        {
            transformer = ml.Model.Load(buffer, out _);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new ModelFormatException($"Model file '{source}' is damaged: ML.NET could not load it ({e.Message})", e);
        }
        return new TextClassifierModel(metadata, ml, transformer);
    }

    static ModelMetadata ReadMetadata(MemoryStream buffer, string source)
    {
        try
        {
            using var zip = new ZipArchive(buffer, ZipArchiveMode.Read, leaveOpen: true);
            var entry = zip.GetEntry(MetadataEntry)
                        ?? throw new ModelFormatException($"'{source}' is a zip but not a Desk.Classifier model file (it has no {MetadataEntry}).");
            if (entry.Length > MaxMetadataBytes) throw new ModelFormatException($"Model file '{source}' has a damaged {MetadataEntry}.");
            ModelHeader header;
            using (var json = entry.Open())
                header = JsonSerializer.Deserialize<ModelHeader>(json, ModelHeader.Json)
                         ?? throw new ModelFormatException($"Model file '{source}' has an empty {MetadataEntry}.");
            if (header.Format != FormatVersion)
                throw new ModelFormatException(
                    $"Model file '{source}' has format version {header.Format}; this build reads format version {FormatVersion} only. " +
                    "Retrain the model with this build (`train`), or load it with the build that wrote it.");
            if (!string.Equals(header.ContentSha256, ContentHash(zip), StringComparison.Ordinal))
                throw new ModelFormatException($"Model file '{source}' is damaged (checksum mismatch).");
            return header.ToMetadata();
        }
        catch (InvalidDataException e)
        {
            throw new ModelFormatException($"Model file '{source}' is truncated or damaged ({e.Message})", e);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or FormatException or NotSupportedException)
        {
            throw new ModelFormatException($"Model file '{source}' has an unreadable {MetadataEntry}: {e.Message}", e);
        }
    }

    /// <summary>SHA-256 over every entry but the metadata: names and contents, in name order.</summary>
    static string ContentHash(ZipArchive zip)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var entry in zip.Entries.Where(e => e.FullName != MetadataEntry).OrderBy(e => e.FullName, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(entry.FullName + "\n"));
            using var content = entry.Open();
            var chunk = new byte[81920];
            int read;
            while ((read = content.Read(chunk)) > 0) hash.AppendData(chunk, 0, read);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    internal static string Sha256Hex(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
