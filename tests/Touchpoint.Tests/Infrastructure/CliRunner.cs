namespace Touchpoint.Tests.Infrastructure;

/// <summary>Runs the Touchpoint executable's verbs in-process, as an operator would from a shell.</summary>
public static class CliRunner
{
    /// <summary>Console output is process-wide: one verb at a time, across every test class.</summary>
    private static readonly SemaphoreSlim ConsoleGate = new(1, 1);

    /// <summary>Runs the Touchpoint executable's entry point in-process; returns its exit code and what it printed.</summary>
    public static async Task<(int Exit, string Output)> RunAsync(string[] args)
    {
        await ConsoleGate.WaitAsync();
        try
        {
            var capture = ConsoleCapture.Install();
            capture.Start();
            var main = typeof(Program).Assembly.EntryPoint ?? throw new InvalidOperationException("Touchpoint.Web has no entry point.");
            // The compiled entry point blocks on the async Main; keep it off the test's thread.
            var exit = await Task.Run(() => (int)main.Invoke(null, [args])!);
            return (exit, capture.Stop());
        }
        finally
        {
            ConsoleGate.Release();
        }
    }

    /// <summary>
    /// Console.Out for the rest of the test run: forwards everything, and records while a verb runs.
    /// Never disposed, because the CLI's console library keeps the writer it first saw.
    /// </summary>
    private sealed class ConsoleCapture(TextWriter original) : TextWriter
    {
        private static ConsoleCapture? _installed;
        private readonly System.Text.StringBuilder _recorded = new();
        private bool _recording;

        public override System.Text.Encoding Encoding => original.Encoding;

        public static ConsoleCapture Install()
        {
            if (_installed is null)
            {
                _installed = new ConsoleCapture(Console.Out);
                Console.SetOut(_installed);
            }

            return _installed;
        }

        public void Start()
        {
            lock (_recorded)
            {
                _recorded.Clear();
                _recording = true;
            }
        }

        public string Stop()
        {
            lock (_recorded)
            {
                _recording = false;
                return _recorded.ToString();
            }
        }

        public override void Write(char value)
        {
            lock (_recorded)
            {
                if (_recording)
                {
                    _recorded.Append(value);
                }
            }

            original.Write(value);
        }

        public override void Write(string? value)
        {
            lock (_recorded)
            {
                if (_recording)
                {
                    _recorded.Append(value);
                }
            }

            original.Write(value);
        }
    }
}
