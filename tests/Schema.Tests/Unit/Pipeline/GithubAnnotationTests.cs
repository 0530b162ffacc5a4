using Schema.Core.Pipeline;
using Xunit;

namespace Schema.Tests.Unit.Pipeline;

/// <summary>GitHub workflow-command escaping: no message or property value can end the command or add a property.</summary>
public sealed class GithubAnnotationTests
{
    [Fact]
    public void Message_escapes_percent_cr_and_lf()
    {
        var line = GithubAnnotation.Error("100% bad\r\nnext: line, more").ToString();
        Assert.Equal("::error::100%25 bad%0D%0Anext: line, more", line);
    }

    [Fact]
    public void Properties_also_escape_colon_and_comma()
    {
        var line = GithubAnnotation.Error("m", "dir:a,b/0001%x.sql", 3, 7).ToString();
        Assert.Equal("::error file=dir%3Aa%2Cb/0001%25x.sql,line=3,col=7::m", line);
    }

    [Fact]
    public void A_title_and_a_warning_level_are_written_as_given()
    {
        var line = (GithubAnnotation.Warning("w", "f.sql", 1) with { Title = "lint: R1" }).ToString();
        Assert.Equal("::warning file=f.sql,line=1,title=lint%3A R1::w", line);
    }

    [Fact]
    public void Paths_are_relative_to_the_repository_with_forward_slashes()
    {
        var root = Path.Combine(Path.GetTempPath(), "repo-root");
        Assert.Equal("migrations/0002_x.sql",
                     GithubAnnotation.RepositoryPath(Path.Combine(root, "migrations", "0002_x.sql"), root));
        Assert.Equal("/elsewhere/0002_x.sql", GithubAnnotation.RepositoryPath("/elsewhere/0002_x.sql", root));
    }
}
