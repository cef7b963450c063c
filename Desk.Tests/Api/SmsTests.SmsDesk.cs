using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Desk.Api.Sms;
using Microsoft.AspNetCore.Hosting;

namespace Desk.Tests.Api;

public sealed partial class SmsTests
{
    /// <summary>A desk with SMS configured against a recorder in Twilio's place, and a few helpers to text it.</summary>
    public sealed class SmsDesk : DeskApplication
    {
        public const string AccountSid = "AC00000000000000000000000000000001";
        public const string AuthToken = "test-auth-token-12345";
        public const string DeskNumber = "+15005550006";
        public const string WebhookUrl = "https://desk.example.org/api/sms/twilio";
        public const string LinkBase = "https://desk.example.org/q/";

        internal TwilioRecorder Twilio { get; } = TwilioRecorder.Start();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Sms:AccountSid", AccountSid);
            builder.UseSetting("Sms:AuthToken", AuthToken);
            builder.UseSetting("Sms:FromNumber", DeskNumber);
            builder.UseSetting("Sms:ApiBaseUrl", Twilio.BaseUrl);
            builder.UseSetting("Sms:WebhookUrl", WebhookUrl);
            builder.UseSetting("Sms:LinkBase", LinkBase);
        }

        public static Dictionary<string, string> Fields(string from, string body, string sid) => new()
        {
            ["MessageSid"] = sid,
            ["SmsSid"] = sid,
            ["AccountSid"] = AccountSid,
            ["From"] = from,
            ["To"] = DeskNumber,
            ["Body"] = body,
            ["NumSegments"] = "1",
        };

        /// <summary>Twilio's signature, computed here from its documentation: HMAC-SHA1 over the URL and the sorted fields.</summary>
        public static string Sign(string token, string url, IReadOnlyDictionary<string, string> fields)
        {
            var data = new StringBuilder(url);
            foreach (var (key, value) in fields.OrderBy(f => f.Key, StringComparer.Ordinal))
                data.Append(key).Append(value);
            return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(data.ToString())));
        }

        public async Task<HttpResponseMessage> PostAsync(Dictionary<string, string> fields, string? signature)
        {
            // As Twilio sends it: no cookie, no header of the console's.
            using var client = NewBareClient(cookies: false);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sms/twilio") { Content = new FormUrlEncodedContent(fields) };
            if (signature is not null)
                request.Headers.Add("X-Twilio-Signature", signature);
            return await client.SendAsync(request);
        }

        public Task<HttpResponseMessage> TextAsync(string from, string body, string? sid = null)
        {
            var fields = Fields(from, body, sid ?? "SM" + Guid.NewGuid().ToString("N"));
            return PostAsync(fields, Sign(AuthToken, WebhookUrl, fields));
        }

        public async Task<string> QueryByTextAsync(string from, string body)
        {
            var response = await TextAsync(from, body);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            await Twilio.ForAsync(from);
            return await ReferenceForAsync(from);
        }

        public async Task<string> ReferenceForAsync(string from)
        {
            await using var db = await OpenDbAsync();
            return await db.QuerySingleAsync<string>("""
                select q.reference from queries q join contact_identities i on i.contact_id = q.contact_id
                where i.channel = 'sms' and i.address = @from
                """, new { from });
        }

        /// <summary>Resolves the query as <paramref name="type"/>, lets the survey go out, and returns the question texted.</summary>
        internal async Task<TwilioSms> SurveyedAsync(HttpClient agent, string reference, string type)
        {
            (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { type, reason = "as the test needs" })).EnsureSuccessStatusCode();
            foreach (var status in new[] { "in_progress", "resolved" })
                (await agent.PatchAsJsonAsync($"/api/queries/{reference}", new { status })).EnsureSuccessStatusCode();
            Clock.Advance(TimeSpan.FromHours(1.1));
            await SurveyTests.RunSenderAsync(this);
            await using var db = await OpenDbAsync();
            var from = await db.QuerySingleAsync<string>("""
                select i.address from queries q join contact_identities i on i.contact_id = q.contact_id
                where q.reference = @reference and i.channel = 'sms'
                """, new { reference });
            return await Twilio.ForAsync(from, m => m.Body.Contains("/survey/"));
        }

        /// <summary>Waits until the outbox has dealt with every message to the number (sent, failed or unknown).</summary>
        public async Task SentOrGivenUpAsync(string to)
        {
            var until = DateTime.UtcNow.AddSeconds(20);
            while (true)
            {
                await using (var db = await OpenDbAsync())
                {
                    if (await db.ExecuteScalarAsync<int>("""
                            select count(*) from outbox_messages where address = @to and state in ('pending', 'sending', 'retrying')
                            """, new { to }) == 0)
                        return;
                }
                if (DateTime.UtcNow > until)
                    throw new TimeoutException($"The outbox still holds SMS to {to} after 20 s.");
                await Task.Delay(25);
            }
        }

        public async Task<(int, int, int, int, int)> CountsAsync()
        {
            await using var db = await OpenDbAsync();
            return await db.QuerySingleAsync<(int, int, int, int, int)>("""
                select (select count(*) from sms_received), (select count(*) from queries), (select count(*) from timeline_entries),
                       (select count(*) from contacts), (select count(*) from outbox_messages)
                """);
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            Twilio.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
