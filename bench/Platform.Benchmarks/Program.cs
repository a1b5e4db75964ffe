using Platform.Benchmarks;

// deploy/local/bench.sh <name> [options]: each benchmark prints a table and a JSON line of its figures.
return args.FirstOrDefault() switch
{
    "reporting" => await ReportingBenchmark.RunAsync(args[1..]),
    "platform" => await PlatformBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: deploy/local/bench.sh reporting|platform [options]   (see README, Benchmarks)");
    return 2;
}
