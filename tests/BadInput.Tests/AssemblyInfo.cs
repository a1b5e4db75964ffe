using Platform.Testing;
using Xunit;

[assembly: AssemblyFixture(typeof(TestServers))]
