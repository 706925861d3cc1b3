using System.Collections.Generic;
using System.IO;
using System.Text;

namespace ModelConfig.Accuracy
{
    /// <summary>RFC 4180 reader: quoted fields, doubled quotes, newlines inside quotes.</summary>
    internal static class Csv
    {
        public static List<Dictionary<string, string>> ReadFile(string path)
        {
            var rows = Parse(File.ReadAllText(path));
            var result = new List<Dictionary<string, string>>();
            if (rows.Count == 0) return result;
            var header = rows[0];
            for (int i = 1; i < rows.Count; i++)
            {
                if (rows[i].Count == 1 && rows[i][0].Length == 0) continue;
                var d = new Dictionary<string, string>();
                for (int j = 0; j < header.Count; j++) d[header[j]] = j < rows[i].Count ? rows[i][j] : "";
                result.Add(d);
            }
            return result;
        }

        public static List<List<string>> Parse(string text)
        {
            var rows = new List<List<string>>();
            var row = new List<string>();
            var field = new StringBuilder();
            bool quoted = false;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (quoted)
                {
                    if (c == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                        else quoted = false;
                    }
                    else field.Append(c);
                    continue;
                }
                switch (c)
                {
                    case '"': quoted = true; break;
                    case ',': row.Add(field.ToString()); field.Clear(); break;
                    case '\r': break;
                    case '\n': row.Add(field.ToString()); field.Clear(); rows.Add(row); row = new List<string>(); break;
                    default: field.Append(c); break;
                }
            }
            if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); rows.Add(row); }
            return rows;
        }
    }
}
