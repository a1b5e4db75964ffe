using System.Xml.Linq;
using Xunit;

namespace Web.Tests.Logic;

/// <summary>The label files merge by union (.gitattributes): two branches adding the same label leave it twice, which
/// the build accepts with a warning only, keeping the first. Resource names compare without case ("months" and
/// "Months" are one label). Each file must name each label once, and both languages must have the same labels.</summary>
public class LabelResourceTests
{
    private static string Resources([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "../../../services/Web/Resources"));

    private static List<string> Names(string file) =>
        XDocument.Load(Path.Combine(Resources(), file)).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToList();

    [Theory]
    [InlineData("Labels.resx")]
    [InlineData("Labels.en.resx")]
    public void Each_label_is_defined_once(string file)
    {
        var twice = Names(file).GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, $"{file} defines these labels more than once: {string.Join(", ", twice)}");
    }

    [Fact]
    public void Both_languages_have_the_same_labels()
    {
        var vietnamese = Names("Labels.resx").ToHashSet();
        var english = Names("Labels.en.resx").ToHashSet();
        Assert.Empty(vietnamese.Except(english));
        Assert.Empty(english.Except(vietnamese));
    }
}
