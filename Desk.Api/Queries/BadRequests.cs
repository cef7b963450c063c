using System.Text.Json;
using Desk.Api.Data;
using Microsoft.AspNetCore.Http.Metadata;

namespace Desk.Api.Queries;

/// <summary>
/// Says what was wrong with a request the framework refused before the desk's code saw it (a body that is not the JSON
/// asked for, a query string value of the wrong type, a body of another type), in the ProblemDetails' detail: the
/// framework's own answers said only "Bad Request". A body that does not bind reaches the exception handler as
/// <see cref="BadHttpRequestException"/> (ThrowOnBadRequest), which says where the JSON went wrong; that is the client's
/// mistake, so it is not logged as the server's error. A value in the address or query string that does not parse
/// comes with a status alone; the endpoint's parameters say which it was.
/// </summary>
internal static partial class BadRequests
{
    public static void Explain(ProblemDetailsContext context)
    {
        // A validation problem names its fields in errors; the desk's own refusals carry their detail.
        if (context.ProblemDetails is HttpValidationProblemDetails { Errors.Count: > 0 } validation)
        {
            // A form (Twilio's webhook) names its fields as the sender does: only a JSON body's are camelCase.
            if (context.HttpContext.Request.HasJsonContentType())
                validation.Errors = AsJsonNames(validation.Errors);
            validation.Errors = AnnotationMessages.InDeskWords(validation.Errors);
            return;
        }
        if (context.ProblemDetails.Detail is not null)
            return;
        context.ProblemDetails.Detail = context.Exception is BadHttpRequestException bad
            ? Detail(bad, context.HttpContext.Request)
            : UnstorableText.Is(context.Exception) ? UnstorableText.Detail
            : context.ProblemDetails.Status switch
            {
                // What the framework answers with a status alone: a value in the address or query string that does not
                // parse, no or the wrong credentials, an address no endpoint has, a body of another type than JSON.
                StatusCodes.Status400BadRequest => Unparsed(context.HttpContext) is { } name
                    ? $"'{name}' is not of the kind this request takes (a number, a date, true or false, a known name)."
                    : "A value in the address or its query string is not of the kind this request takes (a number, a date, a known name).",
                StatusCodes.Status401Unauthorized when context.HttpContext.Request.Path.StartsWithSegments(Portal.PortalApi.HubPath) =>
                    Portal.PortalApi.SignInFirst,
                StatusCodes.Status401Unauthorized => "Sign in, or send an API key in the X-Api-Key header.",
                // The jobs dashboard refuses an action without its antiforgery token (a page left open too long) the same way.
                StatusCodes.Status403Forbidden when context.HttpContext.Request.Path.StartsWithSegments(Jobs.JobsSetup.DashboardPath) =>
                    "The jobs dashboard refused this: your role may only read it, or the page is stale (reload it and try again).",
                StatusCodes.Status403Forbidden => "Your role, or your API key's scopes, do not allow this.",
                StatusCodes.Status404NotFound => "Nothing is at this address.",
                StatusCodes.Status413PayloadTooLarge => "The body is larger than this request takes.",
                StatusCodes.Status415UnsupportedMediaType => Unsupported(context.HttpContext),
                _ => null,
            };
    }

    /// <summary>
    /// The fields as the JSON names them: the framework's own validation (DataAnnotations) keys errors by the C# member,
    /// "Score" or "Contact.Address", beside the desk's "score" and "contact.address" (dotnet/aspnetcore#61764).
    /// </summary>
    static IDictionary<string, string[]> AsJsonNames(IDictionary<string, string[]> errors)
    {
        if (!errors.Keys.Any(k => MemberPath().IsMatch(k)))
            return errors;
        var named = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (key, messages) in errors)
        {
            var name = MemberPath().IsMatch(key) ? string.Join('.', key.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName)) : key;
            named[name] = named.TryGetValue(name, out var earlier) ? [.. earlier, .. messages] : messages;
        }
        return named;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Z][A-Za-z0-9]*(\.[A-Za-z0-9]+)*$")]
    private static partial System.Text.RegularExpressions.Regex MemberPath();

    /// <summary>The first of the endpoint's parameters whose value in the address or query string does not parse.</summary>
    static string? Unparsed(HttpContext http)
    {
        foreach (var parameter in http.GetEndpoint()?.Metadata.GetOrderedMetadata<IParameterBindingMetadata>() ?? [])
        {
            if (!parameter.HasTryParse)
                continue;
            var value = http.Request.RouteValues.TryGetValue(parameter.Name, out var routed) ? routed?.ToString()
                : http.Request.Query.TryGetValue(parameter.Name, out var queried) ? queried.ToString() : null;
            if (value is { Length: > 0 } && !Parses(Nullable.GetUnderlyingType(parameter.ParameterInfo.ParameterType) ?? parameter.ParameterInfo.ParameterType, value))
                return parameter.Name;
        }
        return null;
    }

    static bool Parses(Type type, string value)
    {
        if (type.IsEnum)
            return Enum.TryParse(type, value, ignoreCase: true, out _);
        var withProvider = type.GetMethod("TryParse", [typeof(string), typeof(IFormatProvider), type.MakeByRefType()]);
        if (withProvider is not null)
            return (bool)withProvider.Invoke(null, [value, System.Globalization.CultureInfo.InvariantCulture, null])!;
        var plain = type.GetMethod("TryParse", [typeof(string), type.MakeByRefType()]);
        return plain is null || (bool)plain.Invoke(null, [value, null])!;
    }

    static string Detail(BadHttpRequestException bad, HttpRequest request) => bad.InnerException switch
    {
        // The framework's "Expected a supported JSON media type but got …", said as the desk says it elsewhere.
        _ when bad.StatusCode == StatusCodes.Status415UnsupportedMediaType => Unsupported(request.HttpContext),
        _ when bad.StatusCode != StatusCodes.Status400BadRequest => bad.Message,
        JsonException { Path: "$" } => NotAnObject,
        JsonException { Path: { } path } json => $"The body is not the JSON this request takes: {Problem(json)} at {path}" +
            (json.LineNumber is { } line ? $" (line {line + 1}, byte {json.BytePositionInLine + 1})." : "."),
        JsonException json => $"The body is not the JSON this request takes: {Problem(json)}.",
        // "Implicit body inferred for parameter …", "Required parameter … was not provided from body": no body, or null.
        _ when bad.Message.Contains("body", StringComparison.Ordinal) => request.ContentLength is 0 or null ? "The request needs a JSON body." : NotAnObject,
        _ => bad.Message,
    };

    const string NotAnObject = "The body must be a JSON object with the fields this request takes.";
    const string UnsupportedType = "This request takes a JSON body, sent as application/json.";

    // Most endpoints take JSON. JSON refused comes from one that takes another type (routing answers 415 for it before the
    // endpoint, so the endpoint cannot be asked which): the API's description says which.
    static string Unsupported(HttpContext http) => http.Request.HasJsonContentType() ? NotJson : UnsupportedType;

    const string NotJson = "This request does not take a JSON body; /openapi/v1.json says what it takes (a CSV import: text/csv or multipart/form-data).";

    // System.Text.Json names .NET types in its messages ("could not be converted to System.Boolean"); say it in JSON's words.
    static string Problem(JsonException json) => json.Message switch
    {
        var m when m.Contains("could not be converted to System.Boolean", StringComparison.Ordinal) => "a value is not true or false",
        var m when m.Contains("could not be converted to System.String", StringComparison.Ordinal) => "a value is not a string",
        var m when m.Contains("could not be converted to System.Int", StringComparison.Ordinal)
            || m.Contains("could not be converted to System.Nullable`1[System.Int", StringComparison.Ordinal) => "a value is not a whole number",
        var m when m.Contains("could not be converted", StringComparison.Ordinal) => "a value has the wrong type",
        var m when m.Contains("Duplicate", StringComparison.OrdinalIgnoreCase) => "a property is given twice",
        _ => "it cannot be read",
    };
}
