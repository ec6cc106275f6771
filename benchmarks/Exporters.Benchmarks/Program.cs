using BenchmarkDotNet.Running;
using Exporters.Benchmarks;

BenchmarkSwitcher.FromAssembly(typeof(StubStatusParserBenchmarks).Assembly).Run(args);
