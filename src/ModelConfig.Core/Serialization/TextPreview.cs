namespace ModelConfig.Core.Serialization
{
    /// <summary>Input echoed in a message is cut, so a 5,000-character value cannot bury the message that quotes it.</summary>
    public static class TextPreview
    {
        public const int DefaultMax = 100;

        /// <summary>Paths are longer than ids in normal use, and their end (the file name) matters as much as their start.</summary>
        public const int DefaultPathMax = 240;

        public static string Of(string? text, int max = DefaultMax)
        {
            if (text == null) return "";
            if (text.Length <= max) return text;
            return text.Substring(0, max) + $"... ({text.Length:N0} characters)";
        }

        /// <summary>A long path keeps its start and its end: '/home/u/...x/config.json (5,012 characters)'.</summary>
        public static string OfPath(string? path, int max = DefaultPathMax)
        {
            if (path == null) return "";
            if (path.Length <= max) return path;
            int head = max / 2, tail = max - head;
            return path.Substring(0, head) + "..." + path.Substring(path.Length - tail) + $" ({path.Length:N0} characters)";
        }
    }
}
