using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using ModelConfig.Core.Serialization;

namespace ModelConfig.DataTools
{
    /// <summary>One CSV row and the line it starts on, for messages.</summary>
    public sealed class CsvRow
    {
        public CsvRow(int line) { Line = line; }
        public int Line { get; }
        public List<string> Cells { get; } = new List<string>();
    }

    /// <summary>
    /// The CSV reader of the project (RFC 4180: quoted cells may hold commas, doubled quotes and line breaks).
    /// Strict: a malformed quote is a <see cref="DataFileFormatException"/> naming the file and line, never a
    /// silently shifted column.
    /// </summary>
    public static class CsvTable
    {
        /// <summary>Every row, the header included; a leading byte order mark is skipped.</summary>
        public static List<CsvRow> Parse(string text, string? file)
        {
            var rows = new List<CsvRow>();
            int i = 0, line = 1;
            if (text.Length > 0 && text[0] == '\uFEFF') i = 1;
            while (i < text.Length)
            {
                var row = new CsvRow(line);
                while (true)
                {
                    var cell = new StringBuilder();
                    if (i < text.Length && text[i] == '"')
                    {
                        int start = line;
                        i++;
                        while (true)
                        {
                            if (i >= text.Length) throw new DataFileFormatException(file, $"line {start}", "has a quoted cell that never ends");
                            char ch = text[i++];
                            if (ch == '"')
                            {
                                if (i < text.Length && text[i] == '"') { cell.Append('"'); i++; }
                                else break;
                            }
                            else
                            {
                                if (ch == '\n') line++;
                                cell.Append(ch);
                            }
                        }
                        if (i < text.Length && text[i] != ',' && text[i] != '\r' && text[i] != '\n')
                            throw new DataFileFormatException(file, $"line {line}", "has text after a closing quote");
                    }
                    else
                    {
                        while (i < text.Length && text[i] != ',' && text[i] != '\r' && text[i] != '\n')
                        {
                            if (text[i] == '"') throw new DataFileFormatException(file, $"line {line}", "has a quote inside an unquoted cell");
                            cell.Append(text[i++]);
                        }
                    }
                    row.Cells.Add(cell.ToString());
                    if (i < text.Length && text[i] == ',') { i++; continue; }
                    if (i < text.Length && text[i] == '\r') i++;
                    if (i < text.Length && text[i] == '\n') i++;
                    line++;
                    break;
                }
                rows.Add(row);
            }
            return rows;
        }

        /// <summary>The rows after the header as column-name to cell maps; blank lines are skipped, missing cells are "".</summary>
        public static List<Dictionary<string, string>> ReadRecords(string path)
        {
            var rows = Parse(File.ReadAllText(path, Encoding.UTF8), path);
            var records = new List<Dictionary<string, string>>();
            if (rows.Count == 0) return records;
            var header = rows[0].Cells;
            foreach (var row in rows.Skip(1))
            {
                if (row.Cells.All(c => c.Length == 0)) continue;
                var record = new Dictionary<string, string>(StringComparer.Ordinal);
                for (int i = 0; i < header.Count; i++) record[header[i]] = i < row.Cells.Count ? row.Cells[i] : "";
                records.Add(record);
            }
            return records;
        }
    }
}
