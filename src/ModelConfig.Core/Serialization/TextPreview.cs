namespace ModelConfig.Core.Serialization
{
    /// <summary>Input echoed in a message is cut, so a 5,000-character value cannot bury the message that quotes it.</summary>
    public static class TextPreview
    {
        public const int DefaultMax = 100;

        public static string Of(string? text, int max = DefaultMax)
        {
            if (text == null) return "";
            if (text.Length <= max) return text;
            return text.Substring(0, max) + $"... ({text.Length:N0} characters)";
        }
    }
}
