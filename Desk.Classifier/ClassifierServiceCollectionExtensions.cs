using Desk.Classifier;
using Desk.Classifier.Model;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Desk.Classifier.</summary>
public static partial class ClassifierServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IQueryClassifier"/> (and <see cref="DeskQueryClassifier"/>, the same instance) as a
    /// thread-safe singleton, created on first use from <see cref="ClassifierOptions.ModelPath"/> or the default model.
    /// </summary>
    public static IServiceCollection AddDeskClassifier(this IServiceCollection services, Action<ClassifierOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new ClassifierOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(provider =>
        {
            var logger = provider.GetService<ILoggerFactory>()?.CreateLogger("Desk.Classifier") ?? NullLogger.Instance;
            return new DeskQueryClassifier(ResolveModel(options, logger));
        });
        services.TryAddSingleton<IQueryClassifier>(provider => provider.GetRequiredService<DeskQueryClassifier>());
        return services;
    }

    static TextClassifierModel ResolveModel(ClassifierOptions options, ILogger logger)
    {
        if (options.ModelPath is { Length: > 0 } path && File.Exists(path))
        {
            try
            {
                var loaded = TextClassifierModel.Load(path);
                LogLoaded(logger, loaded.Version, path);
                return loaded;
            }
            catch (ModelFormatException e)
            {
                // A file of an older format (or a damaged one) is only a cache of the default model: train it again over it.
                LogUnreadable(logger, path, e.Message);
            }
        }
        var model = DefaultModel.Get();
        LogDefault(logger, model.Version, model.Metadata.Training.ExampleCount);
        if (options.ModelPath is { Length: > 0 } target)
        {
            try
            {
                model.Save(target);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The model is in memory either way; a read-only disk only costs retraining at the next start.
                LogSaveFailed(logger, e, target);
            }
        }
        return model;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Classifier model {Version} loaded from {Path}")]
    static partial void LogLoaded(ILogger logger, string version, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Classifier default model {Version} trained from {Examples} seed examples")]
    static partial void LogDefault(ILogger logger, string version, int examples);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Classifier model file {Path} cannot be loaded ({Problem}); training the default model and saving it there")]
    static partial void LogUnreadable(ILogger logger, string path, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not save the default classifier model to {Path}")]
    static partial void LogSaveFailed(ILogger logger, Exception exception, string path);
}
