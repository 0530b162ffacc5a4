using Schema.Core.Dump;
using Xunit;

namespace Schema.Tests.Dump;

/// <summary>The text assembly of the dump (no database): ordering, blocks, normalisation of TimescaleDB ids.</summary>
public sealed class SchemaDumpRenderTests
{
    private static SchemaDumper.DumpRow Row(string section, string obj, int rank, string item, string text, int seq = 0) =>
        new(section, obj, rank, item, text, seq);

    [Fact]
    public void Blocks_are_sorted_ordinally_and_facts_by_rank_then_item()
    {
        var text = SchemaDumper.Render(
        [
            Row("tables", "s.b", 0, "", "table s.b"),
            Row("tables", "s.b", 40, "fillfactor=70", "option fillfactor=70"),
            Row("tables", "s.b", 10, "00002", "column y int"),
            Row("tables", "s.b", 10, "00001", "column x int"),
            Row("tables", "s.B", 0, "", "table s.B"),
            Row("schemas", "s", 0, "", "schema s"),
        ]);
        Assert.Equal("""
            -- schema dump, format 1: deterministic, sorted, no oids/ids/owners (Schema.Core.Dump.SchemaDumper)

            == schemas

            schema s

            == tables

            table s.B

            table s.b
              column x int
              column y int
              option fillfactor=70

            """.Replace("\r\n", "\n", StringComparison.Ordinal), text);
    }

    [Fact]
    public void Facts_of_an_object_without_a_header_are_dropped()
    {
        // e.g. the grants of the journal table when IncludeJournal is false, or of an extension's function
        var text = SchemaDumper.Render(
        [
            Row("tables", "public.schemaversions", 90, "x", "grant SELECT to PUBLIC"),
            Row("tables", "s.t", 0, "", "table s.t"),
        ]);
        Assert.DoesNotContain("grant", text);
        Assert.Contains("table s.t\n", text);
    }

    [Fact]
    public void Multi_line_definitions_are_indented_without_blank_or_trailing_space_lines()
    {
        var text = SchemaDumper.Render(
        [
            Row("functions", "s.f()", 0, "", "function s.f() returns integer"),
            Row("functions", "s.f()", 95, "", "CREATE FUNCTION s.f()  \r\n RETURNS integer\n\n\nAS $$ select 1 $$\n"),
        ]);
        Assert.EndsWith("function s.f() returns integer\n  CREATE FUNCTION s.f()\n       RETURNS integer\n      AS $$ select 1 $$\n", text);
    }

    [Fact]
    public void A_continuous_aggregate_view_moves_to_its_section()
    {
        var text = SchemaDumper.Render(
        [
            Row("views", "s.bars_1h", 0, "", "view s.bars_1h"),
            Row("views", "s.bars_1h", 80, "", "comment 'hourly'"),
            Row("views", "s.bars_1h", 95, "", "as\n SELECT * FROM _timescaledb_internal._materialized_hypertable_12"),
            Row("continuous aggregates", "s.bars_1h", 0, "", "continuous aggregate s.bars_1h"),
            Row("continuous aggregates", "s.bars_1h", 10, "", "on s.bars"),
        ]);
        Assert.Contains("== continuous aggregates\n\ncontinuous aggregate s.bars_1h\n  on s.bars\n  comment 'hourly'\n", text);
        Assert.DoesNotContain("== views", text);
        Assert.DoesNotContain("_materialized_hypertable", text);
    }

    [Theory]
    [InlineData("FROM _timescaledb_internal._materialized_hypertable_17 x", "FROM _timescaledb_internal._materialized_hypertable_N x")]
    [InlineData("_timescaledb_functions.cagg_watermark(42)", "_timescaledb_functions.cagg_watermark(N)")]
    [InlineData("cagg_watermark_materialized(3)", "cagg_watermark_materialized(N)")]
    [InlineData("_timescaledb_internal._hyper_3_120_chunk", "_timescaledb_internal._hyper_N_N_chunk")]
    [InlineData("""{"end_offset": "01:00:00", "mat_hypertable_id": 7}""", """{"end_offset": "01:00:00", "mat_hypertable_id": "N"}""")]
    [InlineData("""{"drop_after": "90 days", "hypertable_id": 12}""", """{"drop_after": "90 days", "hypertable_id": "N"}""")]
    [InlineData("column hypertable_count integer", "column hypertable_count integer")]
    public void TimescaleDB_ids_are_normalised(string input, string expected) =>
        Assert.Equal(expected, SchemaDumper.Normalise(input));

    [Fact]
    public void Jobs_differing_only_in_ids_sort_the_same_way()
    {
        // the item (sort key) is normalised too, so ids cannot change the order of lines
        var a = SchemaDumper.Render(
        [
            Row("jobs", "s.t", 0, "", "jobs on s.t"),
            Row("jobs", "s.t", 10, "p {\"hypertable_id\": 9, \"x\": 2}", "job p config {\"hypertable_id\": 9, \"x\": 2}"),
            Row("jobs", "s.t", 10, "p {\"hypertable_id\": 10, \"x\": 1}", "job p config {\"hypertable_id\": 10, \"x\": 1}"),
        ]);
        var b = SchemaDumper.Render(
        [
            Row("jobs", "s.t", 0, "", "jobs on s.t"),
            Row("jobs", "s.t", 10, "p {\"hypertable_id\": 1, \"x\": 1}", "job p config {\"hypertable_id\": 1, \"x\": 1}"),
            Row("jobs", "s.t", 10, "p {\"hypertable_id\": 2, \"x\": 2}", "job p config {\"hypertable_id\": 2, \"x\": 2}"),
        ]);
        Assert.Equal(a, b);
    }
}
