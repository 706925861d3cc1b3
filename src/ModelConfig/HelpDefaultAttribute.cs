using System;

namespace ModelConfig.Commands
{
    /// <summary>
    /// A parameter's default as Get-Help shows it ("Default value"), read by tools/build/New-MamlHelp.ps1: a value
    /// (DeploymentDefaults.InputLength, so help cannot drift from the code) or a sentence for a default the estimator works
    /// out (the fewest GPUs that fit). Not PowerShell's PSDefaultValue: its settable properties make PowerShell, which reads
    /// every parameter attribute by reflection, compile setter stubs in a new session's first call; this takes constructor
    /// arguments only.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property)]
    internal sealed class HelpDefaultAttribute : Attribute
    {
        public HelpDefaultAttribute(object value) { Value = value; }

        public object Value { get; }
    }
}
