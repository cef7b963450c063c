namespace Desk.Api.Board;

/// <summary>
/// How another feature puts a line on the supervisors' live feed, such as a survey's low score (a moment of truth):
/// <c>await feed.PostAsync(new BoardFeedItem("survey_low_score", now, reference, queue, Text: "rated 1 of 5", MomentOfTruth: true))</c>.
/// Call it after your transaction commits. Every open board gets the line once; a board that loads later gets it
/// from this node's memory (the last <c>Board:FeedSize</c> posted), so it is lost at restart: what must last belongs
/// on the query's timeline as well.
/// </summary>
internal sealed class BoardFeed(BoardTally tally)
{
    public Task PostAsync(BoardFeedItem item)
    {
        tally.Post(item);
        return Task.CompletedTask;
    }
}
