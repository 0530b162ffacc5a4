using Xunit;

namespace Schema.Tests.Docs;

/// <summary>What the document says about <see cref="DocsSample"/>: comments, columns, constraints, indexes,
/// partitioning and the diagram's entities and relationships (with the names Mermaid cannot take sanitised).</summary>
public sealed class SchemaDocsContentTests(SampleDatabase sample) : IClassFixture<SampleDatabase>
{
    [Fact]
    public async Task Table_and_column_comments_appear_escaped_for_markdown()
    {
        var doc = await DocsSample.GenerateAsync(sample.Db);
        Assert.Contains("\n### docs_sample.parent\n\nthe parent \\| with a pipe\n", doc);
        Assert.Contains("\n## Schema docs_sample\n\nthe sample schema\n", doc);
        Assert.Contains("| `price` | `numeric(18,8)` | yes |  | a column comment |\n", doc);
        Assert.Contains("| `id` | `bigint` | no | `generated always as identity` |  |\n", doc);
        Assert.Contains("| `select` | `timestamp with time zone` | no | `now()` |  |\n", doc);
    }

    [Fact]
    public async Task Foreign_keys_appear_as_constraints_and_diagram_relationships()
    {
        var doc = await DocsSample.GenerateAsync(sample.Db);
        Assert.Contains("| `child_parent_id_fkey` | foreign key | `FOREIGN KEY (parent_id) REFERENCES docs_sample.parent(id)` "
                        + "→ [docs_sample.parent](#docs_sampleparent) |", doc);
        // required, optional (nullable column) and 1:1 (the key is the child's primary key)
        Assert.Contains("  parent ||--o{ child : \"child_parent_id_fkey\"\n", doc);
        Assert.Contains("  docs_other__Weird_Parent |o--o{ child : \"child_other_id_fkey\"\n", doc);
        Assert.Contains("  parent ||--o| profile : \"profile_parent_id_fkey\"\n", doc);
    }

    [Fact]
    public async Task Diagram_names_and_types_are_plain_words()
    {
        var doc = await DocsSample.GenerateAsync(sample.Db);
        foreach (var line in new[]
                 {
                     "    bigint id PK\n", "    bigint parent_id FK\n", "    timestamptz select\n",
                     "    numeric_18_8 price\n", "    text_array tags\n", "    integer_array matrix\n",
                     "    public_vector_768 embedding\n", "    docs_sample_mood Mixed_Case\n", "    integer column_1st\n",
                     "    text code UK\n", "    integer pk_\n",
                 })
            Assert.Contains(line, doc);
    }

    [Fact]
    public async Task Partitioning_is_summarised_and_constraints_and_indexes_are_listed()
    {
        var doc = await DocsSample.GenerateAsync(sample.Db);
        Assert.Contains("- Partitioned by `RANGE (at)`: 2 partitions (in a freshly migrated database).\n", doc);
        Assert.DoesNotContain("events_2026", doc);
        Assert.Contains("| `child_price_check` | check | `CHECK ((price > (0)::numeric))` |  |\n", doc);
        Assert.Contains("| `child_parent_idx` | `btree (parent_id) WHERE (price IS NOT NULL)` |  |\n", doc);
        Assert.Contains("| `parent_code_key` | unique `btree (code)` (constraint) |  |\n", doc);
    }

    [Fact]
    public async Task A_database_without_timescaledb_is_documented_without_hypertable_facts()
    {
        Assert.False(await sample.Db.ScalarAsync<bool>(
            "select exists (select from pg_extension where extname = 'timescaledb')"));
        var doc = await DocsSample.GenerateAsync(sample.Db);
        Assert.DoesNotContain("TimescaleDB hypertable on", doc);
        Assert.DoesNotContain("schemaversions", doc);
    }
}
