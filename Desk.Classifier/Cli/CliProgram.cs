namespace Desk.Classifier.Cli;

internal static class CliProgram
{
    public static int Main(string[] args) => 0;
}
