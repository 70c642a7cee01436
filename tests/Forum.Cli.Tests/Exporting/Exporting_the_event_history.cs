using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Forum.Testing;
using Parquet;
using Parquet.Schema;

namespace Forum.Cli.Tests.Exporting;

/// <summary>An analyst exports the stored events and gets exactly what the services hold.</summary>
[Collection(ForumCollection.Name)]
public sealed class Exporting_the_event_history(ForumUnderTest forum) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("forumctl-export-").FullName;

    private string File(string name) => Path.Combine(_folder, name);

    /// <summary>Some history in every service: posts, an edit, comments and a like.</summary>
    private async Task<Guid> WriteSomeHistoryAsync(string tag)
    {
        using var author = await forum.SignUpAsync($"sử_gia_{tag}");
        using var reader = await forum.SignUpAsync($"độc_giả_{tag}");
        var id = await forum.PublishAsync(author, $"Lịch sử {tag} 한국", body: "Xin **chào**, \"trích\", dấu phẩy, xuống\ndòng");
        await ForumUnderTest.EditAsync(author, id, 1, $"Lịch sử {tag} (sửa)", "Bản hai");
        Assert.Equal(HttpStatusCode.Created, (await reader.PostAsJsonAsync($"/api/posts/{id}/comments", new { body = "Bình luận 𝐑𝐄𝐕𝐈𝐄𝐖" })).StatusCode);
        await Eventually.ValueAsync(() => reader.PutAsync($"/api/posts/{id}/like", null), r => r.StatusCode == HttpStatusCode.NoContent);
        // The like reaches the engagement feed at once; wait for it so the history is quiet.
        await Eventually.ValueAsync(async () => (await forum.FeedAsync("engagement")).Any(e => e.GetProperty("streamId").GetGuid() == id) ? id : (Guid?)null,
            what: "the like in the engagement feed");
        return id;
    }

    private static List<JsonElement> ReadNdjson(string path) =>
        System.IO.File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement).ToList();

    private static void AssertSameEvent(JsonElement expected, string service, long sequence, Guid eventId, Guid streamId, long version, string type, DateTimeOffset time, string data, string metadata)
    {
        Assert.Equal(expected.GetProperty("sequence").GetInt64(), sequence);
        Assert.Equal(expected.GetProperty("eventId").GetGuid(), eventId);
        Assert.Equal(expected.GetProperty("streamId").GetGuid(), streamId);
        Assert.Equal(expected.GetProperty("version").GetInt64(), version);
        Assert.Equal(expected.GetProperty("type").GetString(), type);
        Assert.Equal(expected.GetProperty("time").GetDateTimeOffset().UtcTicks, time.UtcTicks);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected.GetProperty("data").GetRawText()), JsonNode.Parse(data)), $"{service} {sequence}: {data}");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected.GetProperty("metadata").GetRawText()), JsonNode.Parse(metadata)), $"{service} {sequence}: {metadata}");
    }

    [Fact]
    public async Task An_ndjson_export_of_one_service_holds_its_stored_events_in_order_and_resuming_after_a_sequence_gives_exactly_the_rest()
    {
        await WriteSomeHistoryAsync("ndjson");

        var run = await forum.ForumctlAsync(["events", "export", "--service", "posts", "--format", "ndjson", "--out", File("posts.ndjson"), .. forum.AsAdmin]);

        Assert.True(run.ExitCode == 0, run.Output);
        var exported = ReadNdjson(File("posts.ndjson"));
        var last = exported[^1].GetProperty("sequence").GetInt64();
        var stored = (await forum.FeedAsync("posts")).Where(e => e.GetProperty("sequence").GetInt64() <= last).ToList();
        Assert.Equal(stored.Count, exported.Count);
        Assert.Contains(exported, e => e.GetProperty("type").GetString() == "PostEdited");
        foreach (var (expected, line) in stored.Zip(exported))
        {
            Assert.Equal("posts", line.GetProperty("service").GetString());
            AssertSameEvent(expected, "posts", line.GetProperty("sequence").GetInt64(), line.GetProperty("eventId").GetGuid(), line.GetProperty("streamId").GetGuid(),
                line.GetProperty("version").GetInt64(), line.GetProperty("type").GetString()!, line.GetProperty("time").GetDateTimeOffset(),
                line.GetProperty("data").GetRawText(), line.GetProperty("metadata").GetRawText());
        }
        Assert.Contains($"--service posts --after {last}", run.Output);
        var page = await forum.Admin.GetAsync("/api/admin/events/posts?limit=1");
        Assert.True(long.Parse(page.Headers.GetValues("Forum-Last-Sequence").Single()) >= last);

        var middle = exported.Count / 2;
        var resumeAfter = exported[middle].GetProperty("sequence").GetInt64();
        var resumed = await forum.ForumctlAsync(["events", "export", "--service", "posts", "--after", resumeAfter.ToString(), "--out", File("rest.ndjson"), .. forum.AsAdmin]);

        Assert.True(resumed.ExitCode == 0, resumed.Output);
        var rest = ReadNdjson(File("rest.ndjson")).Where(e => e.GetProperty("sequence").GetInt64() <= last).ToList();
        Assert.Equal(exported.Skip(middle + 1).Select(e => e.GetProperty("eventId").GetGuid()), rest.Select(e => e.GetProperty("eventId").GetGuid()));
    }

    [Fact]
    public async Task A_parquet_export_of_all_services_holds_every_stored_event_merged_in_time_order_with_typed_columns()
    {
        await WriteSomeHistoryAsync("parquet");

        var run = await forum.ForumctlAsync(["events", "export", "--service", "all", "--format", "parquet", "--out", File("events.parquet"), .. forum.AsAdmin]);

        Assert.True(run.ExitCode == 0, run.Output);
        var rows = await ReadParquetAsync(File("events.parquet"));
        var lastOf = rows.GroupBy(r => r.Service).ToDictionary(g => g.Key, g => g.Max(r => r.Sequence));
        Assert.Equal(["comments", "engagement", "posts"], lastOf.Keys.Order());
        var stored = new List<(string Service, JsonElement Event)>();
        foreach (var service in lastOf.Keys)
        {
            stored.AddRange((await forum.FeedAsync(service)).Where(e => e.GetProperty("sequence").GetInt64() <= lastOf[service]).Select(e => (service, e)));
        }
        var expected = stored
            .OrderBy(s => s.Event.GetProperty("time").GetDateTimeOffset().UtcTicks)
            .ThenBy(s => s.Service, StringComparer.Ordinal)
            .ThenBy(s => s.Event.GetProperty("sequence").GetInt64())
            .ToList();

        Assert.Equal(expected.Count, rows.Count);
        foreach (var ((service, e), row) in expected.Zip(rows))
        {
            Assert.Equal(service, row.Service);
            AssertSameEvent(e, service, row.Sequence, Guid.Parse(row.EventId), Guid.Parse(row.StreamId), row.Version, row.Type, new DateTimeOffset(row.Time, TimeSpan.Zero), row.Data, row.Metadata);
        }
        Assert.Equal(rows.Select(r => r.Time).Order(), rows.Select(r => r.Time));
    }

    [Fact]
    public async Task A_csv_export_keeps_only_the_types_and_times_asked_for_and_quotes_json_cells()
    {
        var id = await WriteSomeHistoryAsync("csv");
        var edited = (await forum.FeedAsync("posts")).Single(e => e.GetProperty("streamId").GetGuid() == id && e.GetProperty("type").GetString() == "PostEdited");
        var editedAt = edited.GetProperty("time").GetDateTimeOffset();

        var run = await forum.ForumctlAsync(["events", "export", "--service", "posts,comments", "--type", "PostEdited", "--type", "CommentAdded",
            "--from", editedAt.ToString("O"), "--to", editedAt.AddTicks(1).ToString("O"), "--format", "csv", "--out", File("edits.csv"), .. forum.AsAdmin]);

        Assert.True(run.ExitCode == 0, run.Output);
        var lines = System.IO.File.ReadAllText(File("edits.csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("service,sequence,event_id,stream_id,version,type,time,data,metadata", lines[0]);
        var row = Assert.Single(lines.Skip(1));
        Assert.StartsWith($"posts,{edited.GetProperty("sequence").GetInt64()},{edited.GetProperty("eventId").GetGuid()},{id},2,PostEdited,", row);
        Assert.Contains("\"{\"\"postId\"\":", row);
    }

    public sealed record Row(long Sequence, string EventId, string StreamId, long Version, string Type, DateTime Time, string Service, string Data, string Metadata);

    /// <summary>Reads the file back with Parquet.Net, checking each column's type on the way.</summary>
    private static async Task<List<Row>> ReadParquetAsync(string path)
    {
        await using var stream = System.IO.File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream);
        var fields = reader.Schema.DataFields.ToDictionary(f => f.Name);
        Assert.Equal(["sequence", "event_id", "stream_id", "version", "type", "time", "service", "data", "metadata"], reader.Schema.DataFields.Select(f => f.Name));
        Assert.Equal(typeof(long), fields["sequence"].ClrType);
        Assert.Equal(typeof(long), fields["version"].ClrType);
        var time = Assert.IsType<DateTimeDataField>(fields["time"]);
        Assert.Equal(DateTimeFormat.Timestamp, time.DateTimeFormat);

        var rows = new List<Row>();
        for (var i = 0; i < reader.RowGroupCount; i++)
        {
            using var group = reader.OpenRowGroupReader(i);
            var count = (int)group.RowCount;
            async Task<T[]> Column<T>(string name) where T : struct
            {
                var values = new T[count];
                await group.ReadAsync<T>(fields[name], values.AsMemory());
                return values;
            }
            async Task<string[]> Text(string name)
            {
                var values = new string?[count];
                await group.ReadAsync(fields[name], values.AsMemory());
                return values.Select(v => v ?? "").ToArray();
            }
            var sequence = await Column<long>("sequence");
            var eventId = await Text("event_id");
            var streamId = await Text("stream_id");
            var version = await Column<long>("version");
            var type = await Text("type");
            var times = await Column<DateTime>("time");
            var service = await Text("service");
            var data = await Text("data");
            var metadata = await Text("metadata");
            for (var r = 0; r < count; r++)
            {
                rows.Add(new Row(sequence[r], eventId[r], streamId[r], version[r], type[r], DateTime.SpecifyKind(times[r], DateTimeKind.Utc), service[r], data[r], metadata[r]));
            }
        }
        return rows;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
