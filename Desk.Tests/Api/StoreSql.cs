using System.Reflection;
using System.Text.RegularExpressions;
using Desk.Api.Data;
using Desk.Tests.Live;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Desk.Tests.Api;

/// <summary>One statement a store sends, as it reaches one engine; Sql is null where it could not be worked out from the source.</summary>
internal sealed record StoreStatement(string Where, string? Sql, string? Problem = null);

/// <summary>
/// Reads the SQL the stores send out of Desk.Api's C# sources, with no engine: every string handed to
/// <c>new CommandDefinition(...)</c> or to a Dapper <c>Execute*/Query*</c> call is evaluated from the syntax tree.
/// <c>db.Dialect.X(...)</c> and <c>dialect.X(...)</c> holes are answered by the real dialect, string constants of the same
/// class are substituted, and a fragment built at run time from a list of conditions stands for all of them at once.
/// </summary>
internal static partial class StoreSql
{
    public static IReadOnlyList<StoreStatement> Extract(ISqlDialect dialect)
    {
        var statements = new List<StoreStatement>();
        var sources = Directory.GetFiles(Path.Combine(Repo.Root, "Desk.Api"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"));
        foreach (var file in sources.Order(StringComparer.Ordinal))
        {
            var root = CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot();
            var relative = Path.GetRelativePath(Repo.Root, file);
            foreach (var sql in SqlArguments(root))
            {
                var where = $"{relative}:{sql.GetLocation().GetLineSpan().StartLinePosition.Line + 1}";
                var evaluator = new Evaluator(dialect, sql);
                var variants = evaluator.Evaluate(sql);
                if (evaluator.Problem is { } problem)
                    statements.Add(new StoreStatement(where, null, problem));
                else
                    statements.AddRange(variants.Select(text => new StoreStatement(where, text is null ? null : DapperListExpansion(text))));
            }
        }
        return statements;
    }

    /// <summary>The SQL argument of each CommandDefinition and of each Dapper call given a string rather than a CommandDefinition.</summary>
    static IEnumerable<ExpressionSyntax> SqlArguments(SyntaxNode root)
    {
        foreach (var node in root.DescendantNodes())
        {
            switch (node)
            {
                case BaseObjectCreationExpressionSyntax { ArgumentList.Arguments: [var first, ..] } creation
                    when creation is ObjectCreationExpressionSyntax { Type: IdentifierNameSyntax { Identifier.Text: "CommandDefinition" } }
                        || creation is ImplicitObjectCreationExpressionSyntax && IsDapperCall(creation.Parent?.Parent?.Parent):
                    yield return first.Expression;
                    break;
                case InvocationExpressionSyntax { ArgumentList.Arguments: [var sql, ..] } call
                    when IsDapperCall(call) && sql.Expression is not (ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax)
                        && !(sql.Expression is IdentifierNameSyntax { Identifier.Text: var name } && name.EndsWith("command", StringComparison.OrdinalIgnoreCase)):
                    yield return sql.Expression;
                    break;
            }
        }
    }

    static bool IsDapperCall(SyntaxNode? node) =>
        node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member }
        && DapperMethod().IsMatch(member.Name.Identifier.Text);

    [GeneratedRegex("^(Execute|Query)(Scalar|Single|First|Multiple)?(OrDefault)?(Async)?$")]
    private static partial Regex DapperMethod();

    /// <summary>Dapper turns "in @list" into "in (@list1, @list2, ...)" before the engine sees it.</summary>
    static string DapperListExpansion(string sql) => ListParameter().Replace(sql, m => $"in ({m.Groups[1].Value}1, {m.Groups[1].Value}2)");

    [GeneratedRegex(@"\bin\s+(@\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex ListParameter();

    sealed class Evaluator(ISqlDialect dialect, SyntaxNode site)
    {
        // The parameters of the local function or lambda being evaluated, bound to what their arguments came to.
        readonly Dictionary<string, IReadOnlyList<string?>> parameters = [];

        public string? Problem { get; private set; }

        /// <summary>
        /// Every string the expression can come to (one per branch of a conditional); null where the dialect answers null
        /// (nothing is sent then).
        /// </summary>
        public IReadOnlyList<string?> Evaluate(ExpressionSyntax expression)
        {
            switch (expression)
            {
                case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                    return [literal.Token.ValueText];
                case InterpolatedStringExpressionSyntax interpolated:
                    return Concat(interpolated.Contents.Select(part => part switch
                    {
                        InterpolatedStringTextSyntax text => [text.TextToken.ValueText],
                        InterpolationSyntax hole => Evaluate(hole.Expression),
                        _ => Fail(part, "an unknown interpolation part"),
                    }));
                case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression):
                    return Concat([Evaluate(binary.Left), Evaluate(binary.Right)]);
                case ConditionalExpressionSyntax conditional:
                    return [.. Evaluate(conditional.WhenTrue), .. Evaluate(conditional.WhenFalse)];
                case ParenthesizedExpressionSyntax parenthesized:
                    return Evaluate(parenthesized.Expression);
                case InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.Text: "nameof" } } nameOf:
                    return [nameOf.ArgumentList.Arguments[0].Expression switch
                    {
                        MemberAccessExpressionSyntax member => member.Name.Identifier.Text,
                        var other => other.ToString(),
                    }];
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.Text: var method } member } call
                    when IsDialect(member.Expression):
                    return Arguments(call.ArgumentList.Arguments.Select(a => Evaluate(a.Expression)).ToList())
                        .Select(arguments => CallDialect(call, method, arguments)).ToList();
                case InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.Text: var name } } call
                    when LocalFunction(name) is { ExpressionBody.Expression: var body } function:
                    return Arguments(call.ArgumentList.Arguments.Select(a => Evaluate(a.Expression)).ToList())
                        .SelectMany(arguments => Bound(function.ParameterList.Parameters.Select(p => p.Identifier.Text), arguments, body)).ToList();
                case InvocationExpressionSyntax
                {
                    Expression: MemberAccessExpressionSyntax { Expression: PredefinedTypeSyntax, Name.Identifier.Text: "Join" },
                    ArgumentList.Arguments: [_, { Expression: InvocationExpressionSyntax { ArgumentList.Arguments: [{ Expression: ParenthesizedLambdaExpressionSyntax { ExpressionBody: { } body } lambda }] } }],
                }:
                    // string.Join(separator, items.Select((item, i) => ...)): one item stands for them all, numbered 0.
                    return Bound(lambda.ParameterList.Parameters.Select(p => p.Identifier.Text), ["", "0"], body);
                case MemberAccessExpressionSyntax { Name.Identifier.Text: var property } member when IsDialect(member.Expression):
                    return [(string?)Member(member, property).GetValue(dialect)];
                case IdentifierNameSyntax identifier:
                    return Identifier(identifier);
                default:
                    return Fail(expression, $"'{expression}'");
            }
        }

        LocalFunctionStatementSyntax? LocalFunction(string name) =>
            site.Ancestors().OfType<BaseMethodDeclarationSyntax>().FirstOrDefault()?.DescendantNodes().OfType<LocalFunctionStatementSyntax>()
                .FirstOrDefault(f => f.Identifier.Text == name);

        IReadOnlyList<string?> Bound(IEnumerable<string> names, IReadOnlyList<object?> values, ExpressionSyntax body)
        {
            var saved = new Dictionary<string, IReadOnlyList<string?>>(parameters);
            foreach (var (name, value) in names.Zip(values))
                parameters[name] = [(string?)value];
            var result = Evaluate(body);
            parameters.Clear();
            foreach (var (name, value) in saved) parameters[name] = value;
            return result;
        }

        /// <summary>Every way of joining one variant of each part.</summary>
        static IReadOnlyList<string?> Concat(IEnumerable<IReadOnlyList<string?>> parts) =>
            parts.Aggregate((IReadOnlyList<string?>)[""], (heads, part) => heads.SelectMany(h => part.Select(p => h + p)).ToList());

        /// <summary>Every combination of one variant of each argument.</summary>
        static IEnumerable<List<object?>> Arguments(List<IReadOnlyList<string?>> arguments) =>
            arguments.Aggregate((IEnumerable<List<object?>>)[[]], (heads, argument) => heads.SelectMany(h => argument.Select(a => (List<object?>)[.. h, a])));

        static bool IsDialect(ExpressionSyntax receiver) => receiver.ToString() is "dialect" or "db.Dialect" or "Dialect" or "this.db.Dialect";

        string? CallDialect(SyntaxNode node, string method, List<object?> arguments)
        {
            var target = typeof(ISqlDialect).GetMethod(method)
                ?? throw new InvalidOperationException($"{node}: ISqlDialect has no {method}");
            var parameters = target.GetParameters();
            var all = parameters.Select((p, i) => i < arguments.Count ? arguments[i] : p.DefaultValue).ToArray();
            return (string?)target.Invoke(dialect, all);
        }

        PropertyInfo Member(SyntaxNode node, string name) =>
            typeof(ISqlDialect).GetProperty(name) ?? throw new InvalidOperationException($"{node}: ISqlDialect has no {name}");

        /// <summary>A constant of the enclosing type, a local with an initializer, or a value bound by "dialect.X is { } name".</summary>
        IReadOnlyList<string?> Identifier(IdentifierNameSyntax identifier)
        {
            var name = identifier.Identifier.Text;
            if (parameters.TryGetValue(name, out var argument))
                return argument;
            var type = site.Ancestors().OfType<TypeDeclarationSyntax>().Last();
            var constant = type.DescendantNodes().OfType<FieldDeclarationSyntax>()
                .Where(f => f.Modifiers.Any(SyntaxKind.ConstKeyword))
                .SelectMany(f => f.Declaration.Variables)
                .FirstOrDefault(v => v.Identifier.Text == name);
            if (constant?.Initializer is { } value)
                return Evaluate(value.Value);
            var member = site.Ancestors().FirstOrDefault(a => a is BaseMethodDeclarationSyntax or BasePropertyDeclarationSyntax) ?? type;
            var local = member.DescendantNodes().OfType<VariableDeclaratorSyntax>().FirstOrDefault(v => v.Identifier.Text == name);
            if (local?.Initializer is { } initial)
                return ConditionList(member, initial.Value) ?? Evaluate(initial.Value);
            var bound = member.DescendantNodes().OfType<IsPatternExpressionSyntax>()
                .FirstOrDefault(p => p.Pattern.DescendantNodes().OfType<SingleVariableDesignationSyntax>().Any(d => d.Identifier.Text == name));
            if (bound is not null)
                return Evaluate(bound.Expression);
            // The migrator's loop over a script's statements: the scripts themselves are parsed by their own test.
            if (member.DescendantNodes().OfType<ForEachStatementSyntax>()
                .Any(f => f.Identifier.Text == name && f.Expression is InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.Text: "Statements" } }))
                return [null];
            return Fail(identifier, $"'{name}' (no constant, local or pattern binding with a value)");
        }

        /// <summary>
        /// "where " + string.Join(" and ", conditions), where conditions is a list filled at run time: stands for every
        /// condition the method can add (the string arguments of its Add/Match calls), all at once.
        /// </summary>
        IReadOnlyList<string?>? ConditionList(SyntaxNode member, ExpressionSyntax initial)
        {
            var join = initial.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>()
                .FirstOrDefault(i => i.Expression.ToString() == "string.Join");
            if (join is not { ArgumentList.Arguments: [var separator, { Expression: IdentifierNameSyntax { Identifier.Text: var list } }] })
                return null;
            static bool AddsTo(SyntaxNode node, string list) => node is InvocationExpressionSyntax
            {
                Expression: MemberAccessExpressionSyntax { Name.Identifier.Text: "Add", Expression: IdentifierNameSyntax { Identifier.Text: var target } },
            } && target == list;
            // A local function that adds its argument to the list counts through its calls (its last argument).
            var adders = member.DescendantNodes().OfType<LocalFunctionStatementSyntax>()
                .Where(f => f.DescendantNodes().Any(n => AddsTo(n, list))).ToList();
            var conditions = member.DescendantNodes().OfType<InvocationExpressionSyntax>()
                .Where(i => AddsTo(i, list) && !i.Ancestors().Any(adders.Contains)
                    || i.Expression is IdentifierNameSyntax { Identifier.Text: var called } && adders.Any(f => f.Identifier.Text == called))
                .Select(i => Evaluate(i.ArgumentList.Arguments.Last().Expression).Single())
                .ToList();
            var prefix = initial.DescendantNodesAndSelf().OfType<LiteralExpressionSyntax>()
                .Where(l => l.IsKind(SyntaxKind.StringLiteralExpression))
                .Select(l => l.Token.ValueText).FirstOrDefault(t => t.Trim().Length > 0) ?? "";
            return [prefix + string.Join(Evaluate(separator.Expression).Single(), conditions)];
        }

        IReadOnlyList<string?> Fail(SyntaxNode node, string what)
        {
            Problem ??= $"cannot work out {what} at line {node.GetLocation().GetLineSpan().StartLinePosition.Line + 1}";
            return [null];
        }
    }
}
