package datastore.services.write;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Serialises JSON the way Python's {@code json.dumps} does by default ({@code ", "} and {@code ": "}
 * separators, non-ASCII escaped), because CKAN stores json values in that form and dumps show it.
 */
final class PythonJson {
    private PythonJson() {}

    static String dumps(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        write(node, sb);
        return sb.toString();
    }

    private static void write(JsonNode n, StringBuilder sb) {
        if (n.isObject()) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                string(e.getKey(), sb);
                sb.append(": ");
                write(e.getValue(), sb);
            }
            sb.append('}');
        } else if (n.isArray()) {
            sb.append('[');
            for (int i = 0; i < n.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                write(n.get(i), sb);
            }
            sb.append(']');
        } else if (n.isString()) {
            string(n.asString(), sb);
        } else if (n.isNull() || n.isMissingNode()) {
            sb.append("null");
        } else {
            sb.append(n.toString());
        }
    }

    private static void string(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
