using System.Runtime.CompilerServices;
using System.Text;

namespace Desk.Tests;

/// <summary>
/// The desk registers the code pages (GB2312, Big5, Windows-1252) when it adds its e-mail services. The tests build mail
/// with MimeKit in the same process, sometimes before any desk has started, and MimeKit reads the encodings there are
/// once: registered first, a test's mail is read as the desk would read it whatever order the tests run in.
/// </summary>
static class CodePages
{
    [ModuleInitializer]
    internal static void Register() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
}
