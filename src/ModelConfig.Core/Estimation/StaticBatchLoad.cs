using ModelConfig.Core.Models;
using System.Collections.Generic;

namespace ModelConfig.Core.Estimation
{
    /// <summary>A static batch: all sequences are prefilled together, then decode in lock step until the last token.</summary>
    internal sealed class StaticBatchLoad : ILoadModel
    {
        public void Predict(DeploymentEstimate e, LoadContext c)
        {
            int isl = c.Load.InputLength, osl = c.Load.OutputLength, B = c.Load.Batch;
            var steps = c.Steps;
            bool layers = c.IncludeLayers;
            var pre = steps.Step(StepLoad.Prefill(B, isl), StepPhase.Prefill, layers);
            e.PrefillMs = pre.TimeMs;
            e.TtftMs = pre.TimeMs;
            e.PrefillBottleneck = pre.Bottleneck;
            double decodeTotal = 0;
            if (osl > 1)
            {
                double DecodeStep(double ctx) => steps.Step(StepLoad.Decode(B, ctx), StepPhase.Decode, false).TimeMs;
                // token j (2..osl) is produced by a step whose context holds isl + j - 1 tokens
                double c0 = isl + 1, c1 = isl + osl - 1;
                double f0 = DecodeStep(c0), f1 = DecodeStep(c1);
                double mean;
                if (osl - 1 <= 2) mean = (f0 + f1) / 2;
                else
                {
                    double fm = DecodeStep((c0 + c1) / 2), fq1 = DecodeStep(c0 + (c1 - c0) / 4), fq3 = DecodeStep(c0 + 3 * (c1 - c0) / 4);
                    mean = (f0 + 4 * fq1 + 2 * fm + 4 * fq3 + f1) / 12; // composite Simpson, 4 intervals
                }
                e.TpotFirstMs = f0; e.TpotLastMs = f1; e.TpotMs = mean;
                decodeTotal = mean * (osl - 1);
                var mid = steps.Step(StepLoad.Decode(B, isl + osl / 2.0), StepPhase.Decode, layers);
                e.DecodeStepMs = mid.TimeMs;
                e.DecodeBottleneck = mid.Bottleneck;
                if (layers) { e.Layers = new SummaryList<LayerEstimate>(pre.Layers!); e.Layers.AddRange(mid.Layers!); e.Communications = new SummaryList<CommunicationEstimate>(pre.Comms!); e.Communications.AddRange(mid.Comms!); }
            }
            else
            {
                e.DecodeBottleneck = pre.Bottleneck;
                if (layers) { e.Layers = new SummaryList<LayerEstimate>(pre.Layers!); e.Communications = new SummaryList<CommunicationEstimate>(pre.Comms!); }
            }
            e.EndToEndLatencyMs = e.TtftMs + decodeTotal;
            double sec = e.EndToEndLatencyMs / 1e3;
            e.OutputTokensPerSecond = (double)osl * B / sec;
            e.TotalTokensPerSecond = (double)(isl + osl) * B / sec;
            e.TokensPerSecondPerUser = osl > 1 ? 1000.0 / e.TpotMs : osl / sec;
            e.RequestsPerSecond = B / sec;
            c.Log.Note("mode", null, "request", $"Static batch: one prefill of {B} x {isl} tokens (TTFT), then {osl - 1} decode steps at batch {B}; TPOT integrated over the growing context (Simpson); throughput = osl x batch / total latency.");
        }
    }
}
