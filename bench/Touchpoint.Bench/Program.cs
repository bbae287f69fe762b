Console.WriteLine("Touchpoint benchmarks");
