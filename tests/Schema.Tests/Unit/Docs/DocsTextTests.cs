using Schema.Core.Docs;
using Xunit;

namespace Schema.Tests.Unit.Docs;

/// <summary>The pure text parts of <c>schema docs</c>: Mermaid words, Markdown cells, the stale-file message.</summary>
public sealed class DocsTextTests
{
    [Theory]
    [InlineData("timestamp with time zone", "timestamptz")]
    [InlineData("timestamp(3) without time zone", "timestamp_3")]
    [InlineData("timestamp(3) with time zone", "timestamptz_3")]
    [InlineData("time with time zone", "timetz")]
    [InlineData("numeric(18,8)", "numeric_18_8")]
    [InlineData("character varying(20)", "varchar_20")]
    [InlineData("text[]", "text_array")]
    [InlineData("double precision[]", "float8_array")]
    [InlineData("vector(768)", "vector_768")]
    [InlineData("market.\"Odd Type\"", "market_Odd_Type")]
    [InlineData("\"1x\"", "type_1x")]
    public void Sql_types_become_one_mermaid_word(string sql, string word) =>
        Assert.Equal(word, MermaidErDiagram.TypeWord(sql));

    [Theory]
    [InlineData("pk", "pk_")]
    [InlineData("FK", "FK_")]
    [InlineData("Mixed Case", "Mixed_Case")]
    [InlineData("1st", "column_1st")]
    [InlineData("\"", "column_")]
    public void Column_names_become_one_mermaid_word_that_is_not_a_key(string name, string word) =>
        Assert.Equal(word, MermaidErDiagram.Word(name, "column"));

    [Fact]
    public void Markdown_cells_cannot_break_the_table()
    {
        Assert.Equal("a \\| b<br>c &lt;d&gt; &amp;", MarkdownText.Cell("a | b\nc <d> &"));
        Assert.Equal("`a \\| b`", MarkdownText.Code("a | b"));
        Assert.Equal("``a`b``", MarkdownText.Code("a`b"));
        Assert.Equal("`` `x ``", MarkdownText.Code("`x"));
        Assert.Equal("marketsymbols", MarkdownText.Anchor("market.symbols"));
        Assert.Equal("schema-market", MarkdownText.Anchor("Schema market"));
    }

    [Fact]
    public void The_first_difference_names_the_line_and_both_texts()
    {
        Assert.Null(DocsDifference.First("a\nb\n", "a\r\nb\r\n"));
        Assert.Equal("line 2: the file has 'x'; the database gives 'b'", DocsDifference.First("a\nx\n", "a\nb\n"));
        Assert.Equal("line 3: the file has nothing (end of file); the database gives 'c'",
                     DocsDifference.First("a\nb", "a\nb\nc"));
    }
}
