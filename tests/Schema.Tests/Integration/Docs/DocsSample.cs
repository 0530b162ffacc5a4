using Npgsql;
using Schema.Core.Docs;
using Schema.Tests.Harness;

namespace Schema.Tests.Docs;

/// <summary>
/// A small schema with everything the document and its diagram must cope with: comments (one with a pipe), a
/// required, an optional, a 1:1 and a cross-schema foreign key, and names and types Mermaid does not take as they
/// are (spaces, upper case, a leading digit, a keyword, <c>numeric(18,8)</c>, arrays, <c>vector(768)</c>).
/// </summary>
internal static class DocsSample
{
    public const string Sql = """
        create extension if not exists vector;
        create schema docs_sample;
        create schema "docs other";
        create table "docs other"."Weird Parent" (id bigint primary key);
        create type docs_sample.mood as enum ('calm', 'busy');
        create table docs_sample.parent (id bigint primary key, code text not null unique);
        comment on schema docs_sample is 'the sample schema';
        comment on table docs_sample.parent is 'the parent | with a pipe';
        create table docs_sample.child (
          id bigint generated always as identity primary key,
          parent_id bigint not null references docs_sample.parent (id),
          other_id bigint references "docs other"."Weird Parent" (id),
          "select" timestamp with time zone not null default now(),
          price numeric(18,8) check (price > 0),
          tags text[],
          matrix integer[][],
          embedding vector(768),
          "Mixed Case" docs_sample.mood,
          "1st" integer,
          pk integer
        );
        comment on column docs_sample.child.price is 'a column comment';
        create index child_parent_idx on docs_sample.child (parent_id) where price is not null;
        create table docs_sample.profile (parent_id bigint primary key references docs_sample.parent (id));
        create table docs_sample.events (at timestamptz not null, kind text) partition by range (at);
        create table docs_sample.events_2026 partition of docs_sample.events
          for values from ('2026-01-01') to ('2027-01-01');
        create table docs_sample.events_2027 partition of docs_sample.events
          for values from ('2027-01-01') to ('2028-01-01');
        """;

    public static async Task CreateAsync(TestDatabase db)
    {
        await using var connection = await db.DataSource.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand(Sql, connection);
        await cmd.ExecuteNonQueryAsync();
    }

    public static async Task<string> GenerateAsync(TestDatabase db)
    {
        await using var connection = await db.DataSource.OpenConnectionAsync();
        return await SchemaDocs.GenerateAsync(connection);
    }
}
