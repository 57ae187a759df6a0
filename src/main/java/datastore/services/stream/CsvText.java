package datastore.services.stream;

import java.util.List;

/** CSV lines as CKAN produces them: Python's csv module for the header, PostgreSQL COPY for rows. */
final class CsvText {

    private CsvText() {}

    /** A header line as Python's {@code csv} writer emits it: minimal quoting, {@code \r\n}. */
    static void appendHeader(StringBuilder sb, List<OutputField> fields, char delimiter) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(delimiter);
            }
            String id = fields.get(i).id();
            appendField(sb, id, delimiter, fields.size() == 1 && id.isEmpty());
        }
        sb.append("\r\n");
    }

    /**
     * The current row as PostgreSQL's {@code COPY … (FORMAT csv)} emits it, ending in {@code \n}.
     * NULL is an empty unquoted field, so a non-NULL empty string is quoted ({@code ""}); a lone
     * {@code \.} is quoted so it cannot read as the end-of-data marker.
     */
    static void appendRow(StringBuilder sb, RowSource rows, List<OutputField> fields, char delimiter) {
        int n = fields.size();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(delimiter);
            }
            String text = ValueRenderer.text(fields.get(i).type(), rows.value(i));
            if (text != null) {
                appendField(sb, text, delimiter, text.isEmpty() || (n == 1 && text.equals("\\.")));
            }
        }
        sb.append('\n');
    }

    /** Appends {@code s}, quoted (quotes doubled) when forced or when it holds the delimiter, a quote, CR or LF. */
    static void appendField(StringBuilder sb, String s, char delimiter, boolean force) {
        if (!force && !needsQuotes(s, delimiter)) {
            sb.append(s);
            return;
        }
        sb.append('"');
        int from = 0;
        for (int q = s.indexOf('"'); q >= 0; q = s.indexOf('"', from)) {
            sb.append(s, from, q + 1).append('"');
            from = q + 1;
        }
        sb.append(s, from, s.length()).append('"');
    }

    private static boolean needsQuotes(String s, char delimiter) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == delimiter || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }
}
