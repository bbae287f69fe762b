using System.Runtime.InteropServices;
using System.Text;

namespace Touchpoint.Core.Text.Topics;

/// <summary>
/// The stored form of an <see cref="IntentClassifier"/>: "TPIC", a version, the training options, the
/// labels (the degree of parallelism is not stored: it changes how fast a model trains, never the model), the feature keys (delta-coded: they are sorted), their IDF and the weights as raw little-endian
/// floats, so a loaded model is bit-for-bit the trained one and predicts identically.
/// </summary>
internal static class IntentModelFormat
{
    private static readonly byte[] Magic = "TPIC"u8.ToArray();
    private const byte Version = 1;
    // A guard against reading a corrupt length as "allocate 8 GB".
    private const int MaxItems = 1 << 28;

    public static void Write(IntentClassifier model, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(Version);
        var o = model.Options;
        writer.Write(o.C);
        writer.Write(o.WordWeight);
        writer.Write(o.MinDocumentFrequency);
        writer.Write(o.ConfidenceScale);
        writer.Write(o.MaxChars);
        writer.Write(o.MaxIterations);
        writer.Write(o.Tolerance);
        writer.Write(o.Seed);
        writer.Write7BitEncodedInt(model.Labels.Count);
        foreach (var label in model.Labels)
        {
            writer.Write(label);
        }

        var keys = model.Space.Keys;
        writer.Write7BitEncodedInt(keys.Length);
        var previous = 0;
        foreach (var key in keys)
        {
            writer.Write7BitEncodedInt(key - previous);
            previous = key;
        }

        WriteFloats(writer, model.Space.Idf);
        WriteFloats(writer, model.Weights);
        WriteFloats(writer, model.Bias);
    }

    public static IntentClassifier Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic) || reader.ReadByte() != Version)
            {
                throw new InvalidDataException("Not an intent model (or a version this build cannot read).");
            }

            var options = new IntentTrainingOptions
            {
                C = reader.ReadDouble(),
                WordWeight = reader.ReadDouble(),
                MinDocumentFrequency = reader.ReadInt32(),
                ConfidenceScale = reader.ReadDouble(),
                MaxChars = reader.ReadInt32(),
                MaxIterations = reader.ReadInt32(),
                Tolerance = reader.ReadDouble(),
                Seed = reader.ReadInt32(),
            };
            var labels = new string[Count(reader)];
            for (var i = 0; i < labels.Length; i++)
            {
                labels[i] = reader.ReadString();
            }

            var keys = new int[Count(reader)];
            var previous = 0;
            for (var i = 0; i < keys.Length; i++)
            {
                previous += reader.Read7BitEncodedInt();
                keys[i] = previous;
            }

            var idf = ReadFloats(reader, keys.Length);
            var weights = ReadFloats(reader, checked(keys.Length * labels.Length));
            var bias = ReadFloats(reader, labels.Length);
            var space = new FeatureSpace(keys, idf, options.WordWeight, options.MaxChars);
            return new IntentClassifier(labels, space, weights, bias, options);
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException or OverflowException or ArgumentException)
        {
            throw new InvalidDataException("The intent model is truncated or corrupt.", e);
        }
    }

    private static int Count(BinaryReader reader)
    {
        var count = reader.Read7BitEncodedInt();
        return count is >= 0 and <= MaxItems ? count : throw new InvalidDataException("The intent model is corrupt (impossible length).");
    }

    private static void WriteFloats(BinaryWriter writer, float[] values)
    {
        if (!BitConverter.IsLittleEndian)
        {
            foreach (var v in values)
            {
                writer.Write(v);
            }

            return;
        }

        writer.Write(MemoryMarshal.AsBytes(values.AsSpan()));
    }

    private static float[] ReadFloats(BinaryReader reader, int count)
    {
        var values = new float[count];
        if (!BitConverter.IsLittleEndian)
        {
            for (var i = 0; i < count; i++)
            {
                values[i] = reader.ReadSingle();
            }

            return values;
        }

        var bytes = MemoryMarshal.AsBytes(values.AsSpan());
        reader.BaseStream.ReadExactly(bytes);
        return values;
    }
}
