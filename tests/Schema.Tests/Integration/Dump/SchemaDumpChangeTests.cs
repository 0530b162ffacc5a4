using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Dump;

/// <summary>
/// Each kind of schema change changes the dump, by the expected line. The database has no TimescaleDB (the dump
/// must not touch timescaledb_information then). Every case works in its own schema, so cases do not interfere.
/// </summary>
public sealed class SchemaDumpChangeTests(EmptyDatabase db) : IClassFixture<EmptyDatabase>
{
    public static TheoryData<string, string, string> Changes => new()
    {
        // case (also the schema name), change, a line the change must add
        { "c_default", "alter table c_default.t alter column qty set default 1", "  column qty integer not null default 1" },
        { "c_index", "create index t_note_idx on c_index.t (note)", "  CREATE INDEX t_note_idx ON c_index.t USING btree (note)" },
        { "c_fillfactor", "alter table c_fillfactor.t set (fillfactor = 70)", "  option fillfactor=70" },
        { "c_comment", "comment on table c_comment.t is 'a table'", "  comment 'a table'" },
        { "c_column_comment", "comment on column c_column_comment.t.note is 'it''s a note'", "  comment on column note 'it''s a note'" },
        { "c_grant", "grant select, update on c_grant.t to public", "  grant SELECT, UPDATE to PUBLIC" },
        { "c_column_grant", "grant update (note) on c_column_grant.t to public", "  column note grant UPDATE to PUBLIC" },
        { "c_schema_grant", "grant usage on schema c_schema_grant to public", "  grant USAGE to PUBLIC" },
        { "c_not_null", "alter table c_not_null.t alter column note set not null", "  column note text not null" },
        { "c_type", "alter table c_type.t alter column note type varchar(20)", "  column note character varying(20)" },
        { "c_check", "alter table c_check.t add constraint t_qty_positive check (qty > 0)", "  constraint t_qty_positive CHECK ((qty > 0))" },
        { "c_enum_label", "alter type c_enum_label.e add value 'c'", "  labels 'a', 'b', 'c'" },
        { "c_function", "create or replace function c_function.f() returns integer language sql as 'select 2'", "      AS $function$select 2$function$" },
        { "c_default_privileges", "alter default privileges in schema c_default_privileges grant select on tables to public", "  on tables: grant SELECT to PUBLIC" },
        { "c_rls", "alter table c_rls.t enable row level security", "  row level security enabled" },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task A_schema_change_changes_the_dump(string schema, string change, string expectedLine)
    {
        // names are fixed in the test data above, never input
        await db.RunScriptAsync($"""
            create schema {schema};
            create type {schema}.e as enum ('a', 'b');
            create table {schema}.t (id bigint primary key, qty integer not null default 0, note text);
            create function {schema}.f() returns integer language sql as 'select 1';
            """);
        var before = await db.DumpAsync();
        Assert.Equal(before, await db.DumpAsync());

        await db.ExecAsync(change);
        var after = await db.DumpAsync();

        Assert.NotEqual(before, after);
        var added = DumpTestSupport.Added(before, after);
        Assert.Contains(expectedLine, added);
    }

    [Fact]
    public async Task Granting_and_revoking_back_to_the_default_is_no_change()
    {
        await db.RunScriptAsync("""
            create schema c_regrant;
            create table c_regrant.t (id bigint primary key);
            create function c_regrant.f() returns integer language sql as 'select 1';
            """);
        var before = await db.DumpAsync();
        await db.RunScriptAsync("""
            grant select on c_regrant.t to public;
            revoke select on c_regrant.t from public;
            revoke execute on function c_regrant.f() from public;
            grant execute on function c_regrant.f() to public;
            """);
        // the ACLs are explicit now (not NULL) yet equal to the defaults: the dump compares with acldefault()
        Assert.False(await db.ScalarAsync<bool>("select relacl is null from pg_class where oid = 'c_regrant.t'::regclass"));
        Assert.Equal(before, await db.DumpAsync());
    }

    [Fact]
    public async Task A_database_without_timescaledb_dumps()
    {
        Assert.False(await db.ScalarAsync<bool>("select exists (select from pg_extension where extname = 'timescaledb')"));
        await db.RunScriptAsync("create schema c_plain; create table c_plain.t (id int);");
        var dump = await db.DumpAsync();
        Assert.Contains("table c_plain.t\n  column id integer\n", dump);
        Assert.DoesNotContain("== hypertables", dump);
        Assert.DoesNotContain("extension timescaledb", dump);
    }

    [Fact]
    public async Task A_sequence_value_is_not_part_of_the_dump()
    {
        await db.RunScriptAsync("create schema c_seq; create sequence c_seq.s;");
        var before = await db.DumpAsync();
        await db.ScalarAsync<long>("select nextval('c_seq.s')");
        await db.ScalarAsync<long>("select nextval('c_seq.s')");
        Assert.Equal(before, await db.DumpAsync());
        await db.ExecAsync("alter sequence c_seq.s increment by 10");
        Assert.NotEqual(before, await db.DumpAsync());
    }
}
