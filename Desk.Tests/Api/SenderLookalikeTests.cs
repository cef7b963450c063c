using Desk.Api.Email;

namespace Desk.Tests.Api;

/// <summary>Mail that passes for the desk or its staff, told from honest mail: domains, display names.</summary>
public sealed class SenderLookalikeTests
{
    const string Desk = "servicedesk@desk.example.org";
    static readonly string[] Staff = ["Alex Agent", "Bo Li", "Sam Supervisor"];

    static IReadOnlyList<SenderSign> Check(string address, string? name = "A User") => SenderLookalike.Check(address, name, Desk, "Service Desk", Staff);

    [Theory]
    [InlineData("it@desk.examp1e.org")] // a digit for a letter
    [InlineData("it@desk.exmaple.org")] // two letters swapped
    [InlineData("it@desk.exampie.org")] // i for l
    [InlineData("it@desk.exampe.org")] // one letter less
    [InlineData("it@desk.xn--xample-2of.org")] // a Cyrillic е, as punycode
    [InlineData("it@desk.еxample.org")] // the same, as Unicode
    [InlineData("it@desk.example.org.mail-relay.net")] // the desk's domain inside another
    [InlineData("it@desk-example.org")]
    public void ADomainThatReadsLikeTheDesks_IsASign(string address) =>
        Assert.Equal("domain", Assert.Single(Check(address)).Kind);

    [Theory]
    [InlineData("ana@example.org")]
    [InlineData("ana@gmail.com")]
    [InlineData("ana@desk.example.org")]
    [InlineData("ana@help.example.net")]
    [InlineData("ana@bureau.example.org")]
    public void AnOrdinaryDomain_IsNone(string address) => Assert.Empty(Check(address));

    [Fact]
    public void TheDesksOwnName_FromOutside_IsASign_AsIsAStaffMembersName_ButNotFromInside()
    {
        Assert.Equal("desk_name", Assert.Single(Check("help@mailbox-quota.example.net", "Service  Desk")).Kind);
        var staff = Assert.Single(Check("sam.s@gmail.com", "sam supervisor"));
        Assert.Equal(("staff_name", "Sam Supervisor"), (staff.Kind, staff.Names));
        Assert.Empty(Check("servicedesk@desk.example.org", "Service Desk"));
        // A short name says too little: plenty of honest people are called so.
        Assert.Empty(Check("bo@example.org", "Bo Li"));
    }

    [Fact]
    public void ANameHoldingAnotherAddress_IsASign_ButItsOwnAddressIsNot()
    {
        var sign = Assert.Single(Check("mallory@example.net", "\"servicedesk@desk.example.org\""));
        Assert.Equal(("name_address", "servicedesk@desk.example.org"), (sign.Kind, sign.Names));
        Assert.Empty(Check("ana@example.org", "ana@example.org"));
    }
}
