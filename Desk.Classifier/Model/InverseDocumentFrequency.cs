using Microsoft.ML;
using Microsoft.ML.Data;

namespace Desk.Classifier.Model;

/// <summary>
/// IDF weighting of a count vector as a stock ML.NET transform, so the saved model needs nothing of ours to apply it:
/// each slot is multiplied by ln((N + 1) / (df + 1)), N being the training rows and df those where the slot is non-zero.
/// The +1s keep a slot present in every row above zero (ML.NET's own n-gram TF-IDF uses ln(N / df)).
/// </summary>
internal static class InverseDocumentFrequency
{
    /// <summary>
    /// Counts each slot's document frequency in <paramref name="counts"/>, then fits a min-max normaliser that keeps zero
    /// at zero on two rows, 1 / idf and zeros: its scale for a slot is 1 / max, which is the slot's idf. Sparse rows stay sparse.
    /// </summary>
    public static ITransformer Fit(MLContext ml, IDataView counts, string column)
    {
        var vector = counts.Schema[column];
        var size = ((VectorDataViewType)vector.Type).Size;
        var documentFrequency = new int[size];
        var documents = 0;
        using (var cursor = counts.GetRowCursor([vector]))
        {
            var getter = cursor.GetGetter<VBuffer<float>>(vector);
            var row = default(VBuffer<float>);
            while (cursor.MoveNext())
            {
                getter(ref row);
                documents++;
                if (row.IsDense)
                {
                    var values = row.GetValues();
                    for (var slot = 0; slot < values.Length; slot++) if (values[slot] != 0) documentFrequency[slot]++;
                }
                else
                {
                    foreach (var slot in row.GetIndices()) documentFrequency[slot]++;
                }
            }
        }
        var inverse = new float[size];
        for (var slot = 0; slot < size; slot++)
            inverse[slot] = (float)(1 / Math.Log((documents + 1.0) / (documentFrequency[slot] + 1.0)));
        var schema = SchemaDefinition.Create(typeof(ScaleRow));
        var scaled = schema[nameof(ScaleRow.Values)];
        scaled.ColumnName = column;
        scaled.ColumnType = new VectorDataViewType(NumberDataViewType.Single, size);
        var rows = ml.Data.LoadFromEnumerable([new ScaleRow { Values = inverse }, new ScaleRow { Values = new float[size] }], schema);
        return ml.Transforms.NormalizeMinMax(column, fixZero: true).Fit(rows);
    }

    sealed class ScaleRow
    {
        public float[] Values { get; set; } = [];
    }
}
