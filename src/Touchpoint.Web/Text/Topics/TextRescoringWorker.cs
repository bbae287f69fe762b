using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Touchpoint.Core.Text.Workspace;

namespace Touchpoint.Web.Text.Topics;

/// <summary>Runs <see cref="TextRescorer"/> when woken by a save on this node, and on a poll for saves on others.</summary>
internal sealed partial class TextRescoringWorker(
    TextRescorer rescorer,
    RescoreSignal signal,
    IOptions<TextRescoringOptions> options,
    ILogger<TextRescoringWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Run)
        {
            return;
        }

        var poll = TimeSpan.FromSeconds(Math.Max(1, options.Value.PollSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var count = await rescorer.RunOnceAsync(stoppingToken);
                if (count > 0)
                {
                    LogRescored(count);
                }

                await signal.WaitAsync(poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is DbUpdateException or DbException or InvalidOperationException)
            {
                // The next wake-up or poll retries: rows already re-scored are not read again.
                LogFailed(ex);
                await signal.WaitAsync(poll, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-scored {Count} analysed texts after a taxonomy or classifier change")]
    private partial void LogRescored(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-scoring analysed texts failed; retrying on the next wake-up or poll")]
    private partial void LogFailed(Exception ex);
}
