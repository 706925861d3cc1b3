namespace ModelConfig.Core.Estimation
{
    // ---- calibration-profile hook (added by the calibration branch, issue 11) ----
    /// <summary>
    /// Something a request carries that changes the calibration it is estimated with (a fitted calibration profile):
    /// <see cref="Apply"/> derives the calibration from the base one, <see cref="Annotate"/> adds what the estimate must
    /// state about it (its error band, where it was fitted). Kept outside the physics so it survives re-keyed parameters.
    /// </summary>
    public interface ICalibrationOverlay
    {
        EstimatorCalibration Apply(EstimatorCalibration baseCalibration);

        void Annotate(DeploymentRequest request, DeploymentEstimate estimate);
    }
}
