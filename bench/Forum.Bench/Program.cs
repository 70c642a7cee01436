using Forum.Bench;
using Forum.Bench.Reference;

if (args is ["reference", "--port", var port])
{
    await ReferenceServer.RunAsync(int.Parse(port, System.Globalization.CultureInfo.InvariantCulture));
    return 0;
}
return await BenchRun.RunAsync(BenchOptions.Parse(args));
