namespace ModelConfig.Core.Estimation
{
    /// <summary>Placeholder until the first fit: the initial physical guesses.</summary>
    internal static class CalibratedDefaults
    {
        public static EstimatorCalibration Create() => new EstimatorCalibration { Provenance = "unfitted initial guesses" };
    }
}
