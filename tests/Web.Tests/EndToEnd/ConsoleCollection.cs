using Xunit;

namespace Web.Tests.EndToEnd;

/// <summary>Every browser test class shares one platform (starting it costs a minute on this machine) and one screenshot
/// folder (each new <see cref="Screenshots"/> empties it), so the classes are one collection and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<PlatformUnderTest>
{
    public const string Name = "console";
}
